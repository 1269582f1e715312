package org.socketlab.net;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The threads and file descriptors (sockets among them) this JVM holds, so a test can check that a server gave
 * back everything a bad client made it take: take a snapshot before, then wait (bounded) until it is back.
 */
record Leaks(int threads, long fileDescriptors) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    static Leaks now() {
        return new Leaks(THREADS.getThreadCount(), openFileDescriptors());
    }

    /** Open file descriptors, or -1 where the platform does not say (then they are not checked). */
    static long openFileDescriptors() {
        return OS instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    static long maxFileDescriptors() {
        return OS instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }

    /** Waits until no more file descriptors are open than in this snapshot: no socket was leaked. */
    void awaitNoMoreFileDescriptors() {
        if (fileDescriptors >= 0) {
            Eventually.within(PATIENCE, "open file descriptors back to " + fileDescriptors + " (now "
                    + openFileDescriptors() + ")", () -> openFileDescriptors() <= fileDescriptors);
        }
    }

    /** Waits until no more threads run than in this snapshot: no thread was leaked. */
    void awaitNoMoreThreads() {
        Eventually.within(PATIENCE, "live threads back to " + threads + " (now " + THREADS.getThreadCount() + ")",
                () -> THREADS.getThreadCount() <= threads);
    }
}
