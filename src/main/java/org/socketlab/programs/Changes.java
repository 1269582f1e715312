package org.socketlab.programs;

import java.util.concurrent.TimeUnit;

/**
 * A count of events (output read, the exit) that a thread can wait on. Read the count, look at the state, then
 * {@link #await} with that count: an event between the look and the wait is not missed.
 */
final class Changes {
    private long count;

    /** Something changed: wakes every waiter. */
    synchronized void happened() {
        count++;
        notifyAll();
    }

    synchronized long count() {
        return count;
    }

    /** Waits until something happens after {@code seen}, at most {@code nanos}; false if interrupted. */
    synchronized boolean await(long seen, long nanos) {
        try {
            if (count == seen) {
                TimeUnit.NANOSECONDS.timedWait(this, nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
