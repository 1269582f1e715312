package org.socketlab.programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process and everything it started, with SIGKILL. Descendants are found through their parent, so they
 * must be found while their parents live: the process itself is killed last.
 */
final class ProcessTree {
    /** Rounds of looking for descendants started while the previous ones were being killed. */
    private static final int ROUNDS = 10;
    /** How often {@link #awaitGone} looks again: a zombie never completes {@code onExit}, so events alone miss it. */
    private static final Duration RECHECK = Duration.ofMillis(10);
    private static final Duration REAP_TICK = Duration.ofMillis(2);

    private ProcessTree() {
    }

    /**
     * Sends SIGKILL to every descendant of {@code root}, again for any found in the next round (a process may fork
     * while its siblings die), then to {@code root}. Before that it gives {@code root} at most {@code reapWait} to
     * reap its own children: one killed before it has would be handed to the machine's init, which may take a
     * second or two to reap it, and a lab host's pid namespace cannot end before that (its program is the child of
     * {@code nsenter}, the root, which reaps it at once). {@link Duration#ZERO} waits for nothing, for a thread
     * that must not wait. Returns every process it signalled.
     */
    static Set<ProcessHandle> kill(ProcessHandle root, Duration reapWait) {
        Set<ProcessHandle> signalled = new LinkedHashSet<>();
        Set<ProcessHandle> children = new LinkedHashSet<>(root.children().toList());
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> found = root.descendants().filter(p -> !signalled.contains(p)).toList();
            if (found.isEmpty()) {
                break;
            }
            found.forEach(ProcessHandle::destroyForcibly);
            signalled.addAll(found);
            // A child forked while the first ones were killed is the root's to reap too.
            found.stream().filter(p -> p.parent().map(root::equals).orElse(false)).forEach(children::add);
        }
        if (!reapWait.isZero()) {
            awaitReaped(children, root, reapWait);
        }
        root.destroyForcibly();
        signalled.add(root);
        return signalled;
    }

    /** Waits, at most {@code max}, until no child is left for {@code parent} to reap, or the parent is gone. */
    private static void awaitReaped(Set<ProcessHandle> children, ProcessHandle parent, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        // A process that is not this JVM's child has no exit event but the JDK's slow polling: look every tick.
        while (parent.isAlive() && children.stream().anyMatch(ProcessHandle::isAlive)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(REAP_TICK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits, at most {@code max}, until none of the processes runs; returns those still running. */
    static List<ProcessHandle> awaitGone(Set<ProcessHandle> processes, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<ProcessHandle> running = processes.stream().filter(ProcessTree::running).toList();
            long left = deadline - System.nanoTime();
            if (running.isEmpty() || left <= 0) {
                return running;
            }
            CompletableFuture<?>[] exits = running.stream().map(ProcessHandle::onExit)
                    .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.anyOf(exits).get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running;
            }
        }
    }

    /**
     * Whether the process still runs: a zombie (killed, not yet reaped by a parent that is not this JVM) counts as
     * gone, since it holds no memory, files or ports, though {@link ProcessHandle#isAlive()} says true.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "pid (command) S ...": the state follows the last ')', since the command may hold one.
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException gone) {
            return process.isAlive();
        }
    }
}
