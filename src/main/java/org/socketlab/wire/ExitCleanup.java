package org.socketlab.wire;

/**
 * Kills the processes a run started (tcpdump, programs inside a second host) and deletes its namespaces if the
 * JVM ends before the scenario could close them, e.g. when a build is interrupted. Delegates to
 * {@link org.socketlab.programs.ExitCleanup}, the one shutdown hook for all: it kills the processes (each with what
 * it started) before it runs the actions.
 */
final class ExitCleanup {
    private ExitCleanup() {
    }

    static void register(Process process) {
        org.socketlab.programs.ExitCleanup.register(process.toHandle());
    }

    static void unregister(Process process) {
        org.socketlab.programs.ExitCleanup.unregister(process.toHandle());
    }

    static void register(Runnable action) {
        org.socketlab.programs.ExitCleanup.register(action);
    }

    static void unregister(Runnable action) {
        org.socketlab.programs.ExitCleanup.unregister(action);
    }
}
