package org.socketlab.bench;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.socketlab.net.Closeables;

/**
 * Enforces the exchange timeout for clients that block without a socket timeout: each client thread arms its
 * {@link Slot} with the channel of the exchange in progress, and one thread closes any channel whose exchange
 * outlived the timeout, which ends the blocked call with an exception. It checks every twentieth of the timeout
 * (at most every 50 ms), so a timeout fires that much late at worst.
 */
final class Watchdog implements AutoCloseable {
    private final long timeoutNanos;
    private final long tickMillis;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private Watchdog(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.tickMillis = Math.max(1, Math.min(50, timeout.toMillis() / 20));
        this.thread = new Thread(this::watch, "bench-watchdog");
        thread.setDaemon(true);
    }

    static Watchdog start(Duration timeout) {
        Watchdog watchdog = new Watchdog(timeout);
        watchdog.thread.start();
        return watchdog;
    }

    Slot newSlot() {
        Slot slot = new Slot();
        slots.add(slot);
        return slot;
    }

    private void watch() {
        while (running) {
            long now = System.nanoTime();
            for (Slot slot : slots) {
                slot.expireIfLate(now);
            }
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /**
     * The exchange in progress on one client thread. Each exchange is a new object, so the watchdog can never end
     * the next exchange by mistake for the one before.
     */
    final class Slot {
        private final AtomicReference<Exchange> current = new AtomicReference<>();
        private Exchange mine; // the client thread's own view: the exchange it armed

        /** Starts timing an exchange on this channel; phase names what a timeout now means. */
        void arm(Closeable channel, String phase) {
            mine = new Exchange(channel, System.nanoTime() + timeoutNanos, phase);
            current.set(mine);
        }

        void phase(String phase) {
            mine.phase = phase;
        }

        /** Ends the exchange; if the watchdog ended it first, that is a timeout whatever the result. */
        void disarm() throws TimedOut {
            if (!current.compareAndSet(mine, null)) {
                throw new TimedOut(mine.phase);
            }
        }

        /** Ends a failed exchange: returns the failure, or a timeout if the failure came from the watchdog. */
        IOException disarm(IOException failure) {
            return current.compareAndSet(mine, null) ? failure : new TimedOut(mine.phase);
        }

        private void expireIfLate(long now) {
            Exchange exchange = current.get();
            if (exchange != null && now - exchange.deadline > 0 && current.compareAndSet(exchange, null)) {
                Closeables.closeQuietly(exchange.channel);
            }
        }
    }

    private static final class Exchange {
        final Closeable channel;
        final long deadline;
        volatile String phase;

        Exchange(Closeable channel, long deadline, String phase) {
            this.channel = channel;
            this.deadline = deadline;
            this.phase = phase;
        }
    }

    /** An exchange the watchdog ended; its message is the phase, to which the timeout is appended. */
    static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(String phase) {
            super(phase);
        }
    }
}
