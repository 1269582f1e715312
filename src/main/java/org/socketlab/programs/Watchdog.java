package org.socketlab.programs;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every program's time limit, rather than a sleeping thread per program; it also runs the
 * kill after too much output, which must not run on the reader that found it. Its tasks only send signals, never
 * wait, so one thread serves them all.
 */
final class Watchdog {
    private static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "socket-lab-child-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        EXECUTOR.setRemoveOnCancelPolicy(true); // programs that end in time leave no task behind
    }

    private Watchdog() {
    }

    /** Runs the task once the delay has passed, unless cancelled first. */
    static ScheduledFuture<?> after(Duration delay, Runnable task) {
        return EXECUTOR.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs the task soon, on the watchdog's thread. */
    static void soon(Runnable task) {
        EXECUTOR.execute(task);
    }
}
