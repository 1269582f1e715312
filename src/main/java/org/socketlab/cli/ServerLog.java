package org.socketlab.cli;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.socketlab.net.Output;

/**
 * What a server command prints its log to: the console, in batches. The servers log one line per request; written
 * one by one, each line is a system call of its own, made while holding the console's lock. Here a line that comes
 * after a quiet spell is written at once, and lines that come in a burst are written together, at most
 * {@link #FLUSH_INTERVAL} after the first of them. (With cheaper log lines, this made the UDP server answer about
 * 9% more requests per second on the benchmark, and the TCP server no more: BENCHMARKS.md.) An error line goes to
 * standard error at once, after the lines logged before it, so the two streams keep their order on a console.
 *
 * <p>Thread-safe. {@link #close()} writes what is left; lines logged after it are written at once.
 */
final class ServerLog implements Output, AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);

    private static final long INTERVAL_NANOS = FLUSH_INTERVAL.toNanos();

    private final StdTerminal terminal;
    private final PrintStream out;
    private final Thread flusher;
    private long lastFlush; // all three guarded by this
    private boolean pending;
    private boolean closed;

    private ServerLog(StdTerminal terminal) {
        this.terminal = terminal;
        this.out = new PrintStream(new BufferedOutputStream(terminal.out(), 1 << 16), false, StandardCharsets.UTF_8);
        this.lastFlush = System.nanoTime() - INTERVAL_NANOS;
        this.flusher = new Thread(this::flushLoop, "server-log-flusher");
        flusher.setDaemon(true);
    }

    /** A log on the terminal's standard output and error, with its flushing thread started. */
    static ServerLog on(StdTerminal terminal) {
        ServerLog log = new ServerLog(terminal);
        log.flusher.start();
        return log;
    }

    @Override
    public synchronized void println(String line) {
        out.println(line);
        long now = System.nanoTime();
        if (closed || now - lastFlush >= INTERVAL_NANOS) {
            flush(now);
        } else if (!pending) {
            pending = true;
            notifyAll();
        }
    }

    @Override
    public synchronized void printError(String line) {
        flush(System.nanoTime());
        terminal.printError(line);
    }

    private void flush(long now) {
        out.flush();
        lastFlush = now;
        pending = false;
    }

    private void flushLoop() {
        try {
            while (true) {
                synchronized (this) {
                    while (!pending && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                Thread.sleep(FLUSH_INTERVAL.toMillis()); // let the burst gather
                synchronized (this) {
                    if (pending) {
                        flush(System.nanoTime());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is left and stops the flushing thread. */
    @Override
    public synchronized void close() {
        closed = true;
        flush(System.nanoTime());
        notifyAll();
    }
}
