package org.socketlab.programs;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one shutdown hook of socket-lab: if the JVM ends while programs it started still run (a build interrupted,
 * a test that failed before closing them), it kills each one's whole tree, then runs the registered actions
 * (deleting namespaces, say), so nothing is left behind on the machine. Every {@link ChildProcess} is registered
 * while it runs; other code registers its own processes and actions and unregisters them once it has cleaned up.
 */
public final class ExitCleanup {
    /** How long the hook waits for the killed processes to go: the JVM is ending, so briefly. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private static final Set<ProcessHandle> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Runnable> ACTIONS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::run, "socket-lab-exit-cleanup"));
    }

    private ExitCleanup() {
    }

    /** Kill this process and its descendants if the JVM ends first. */
    public static void register(ProcessHandle process) {
        PROCESSES.add(process);
    }

    public static void unregister(ProcessHandle process) {
        PROCESSES.remove(process);
    }

    /** Run this if the JVM ends first, after the processes are killed; it should not block for long. */
    public static void register(Runnable action) {
        ACTIONS.add(action);
    }

    public static void unregister(Runnable action) {
        ACTIONS.remove(action);
    }

    private static void run() {
        Set<ProcessHandle> killed = new HashSet<>();
        PROCESSES.forEach(process -> killed.addAll(ProcessTree.kill(process, Duration.ZERO)));
        ProcessTree.awaitGone(killed, KILL_WAIT);
        ACTIONS.forEach(action -> {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // the JVM is ending: do what can still be done
            }
        });
    }
}
