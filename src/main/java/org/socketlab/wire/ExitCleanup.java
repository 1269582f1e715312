package org.socketlab.wire;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills the processes a run started (tcpdump, programs inside a second host) and deletes its namespaces if the
 * JVM ends before the scenario could close them, e.g. when a build is interrupted. One shutdown hook for all.
 */
final class ExitCleanup {
    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Runnable> ACTIONS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::run, "socket-lab-exit-cleanup"));
    }

    private ExitCleanup() {
    }

    static void register(Process process) {
        PROCESSES.add(process);
    }

    static void unregister(Process process) {
        PROCESSES.remove(process);
    }

    static void register(Runnable action) {
        ACTIONS.add(action);
    }

    static void unregister(Runnable action) {
        ACTIONS.remove(action);
    }

    private static void run() {
        PROCESSES.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        ACTIONS.forEach(action -> {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // the JVM is ending: do what can still be done
            }
        });
    }
}
