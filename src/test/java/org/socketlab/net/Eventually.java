package org.socketlab.net;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for a condition, checked every 10 ms: the only sleeping the tests do. */
final class Eventually {
    private static final long TICK_MILLIS = 10;

    private Eventually() {
    }

    static void within(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + Durations.format(timeout) + " waiting for " + what);
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
