package org.socketlab.cli;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.socketlab.net.Output;

/**
 * What a server command prints its log to: the console, in batches. The servers log one line per request; written
 * one by one, each line is a system call of its own. Here a line that comes after a quiet spell is written at once,
 * and lines that come in a burst are written together, at most {@link #FLUSH_INTERVAL} after the first of them, by
 * a thread of the log's own, which also makes the lines given as {@link Supplier}s: the thread that answers only
 * queues them (BENCHMARKS.md). An error line goes to standard error at once, after the lines logged before it, so
 * the two streams keep their order on a console.
 *
 * <p>Thread-safe. {@link #close()} writes what is left; lines logged after it are written at once.
 */
final class ServerLog implements Output, AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);

    private static final long INTERVAL_NANOS = FLUSH_INTERVAL.toNanos();

    private final StdTerminal terminal;
    private final PrintStream out; // written only while holding writing, in the order the lines were queued
    private final Object writing = new Object();
    private final Thread flusher;
    private List<Supplier<String>> queued = new ArrayList<>(); // these four guarded by this
    private long lastFlush;
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
    public void println(String line) {
        println(() -> line);
    }

    @Override
    public void println(Supplier<String> line) {
        boolean now;
        synchronized (this) {
            queued.add(line);
            long time = System.nanoTime();
            now = closed || time - lastFlush >= INTERVAL_NANOS;
            if (now) {
                lastFlush = time;
            } else if (!pending) {
                pending = true;
                notifyAll();
            }
        }
        if (now) {
            flush();
        }
    }

    @Override
    public void printError(String line) {
        synchronized (writing) {
            flush();
            terminal.printError(line);
        }
    }

    /** Makes and writes every line queued so far; the lines are made outside the lock the answering thread takes. */
    private void flush() {
        synchronized (writing) {
            List<Supplier<String>> lines;
            synchronized (this) {
                lines = queued;
                queued = new ArrayList<>();
                pending = false;
            }
            for (Supplier<String> line : lines) {
                out.println(line.get());
            }
            out.flush();
        }
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
                    lastFlush = System.nanoTime();
                }
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is left and stops the flushing thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        flush();
    }
}
