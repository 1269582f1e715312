package org.socketlab.cli;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.socketlab.net.Output;

/**
 * What a server command prints its log to: the console, in batches. The servers log one line per request; written
 * one by one, each line is a system call of its own. Here a line that comes after a quiet spell is written at once,
 * and lines that come in a burst are written together, at most {@link #FLUSH_INTERVAL} after the first of them, by
 * a thread of the log's own, which also makes the lines given as {@link Supplier}s. Of those, the lines per
 * request, at most {@link #LINES_PER_SECOND} a second are shown: beyond that nobody reads them, and making them
 * cost a loaded server a sixth of its time (BENCHMARKS.md). The log then says how many it left out. An error line
 * goes to standard error at once, after the lines logged before it, so the two streams keep their order.
 *
 * <p>Thread-safe. {@link #close()} writes what is left; lines logged after it are written at once.
 */
final class ServerLog implements Output, AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);
    /** Lines given as suppliers shown a second at most; a lab's scenarios stay far below it. */
    static final int LINES_PER_SECOND = 1_000;
    /** Lines waiting to be written at most; a console that takes nothing then holds the caller back. */
    static final int MOST_QUEUED = 10_000;

    private static final long INTERVAL_NANOS = FLUSH_INTERVAL.toNanos();
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final StdTerminal terminal;
    private final PrintStream out; // written only while holding writing, in the order the lines were queued
    private final Object writing = new Object();
    private final Thread flusher;
    private List<Supplier<String>> queued = new ArrayList<>(); // these eight guarded by this
    private long secondStarted; // the second whose supplied lines are counted
    private int shownThisSecond;
    private long leftOut; // supplied lines not shown in that second
    private long lastFlush;
    private boolean pending; // lines wait for the flusher
    private boolean flushing; // the flusher is making and writing lines
    private boolean closed;

    private ServerLog(StdTerminal terminal) {
        this.terminal = terminal;
        this.out = new PrintStream(new BufferedOutputStream(terminal.out(), 1 << 16), false, StandardCharsets.UTF_8);
        this.lastFlush = System.nanoTime() - INTERVAL_NANOS;
        this.secondStarted = System.nanoTime() - SECOND_NANOS;
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
        queue(() -> line);
    }

    @Override
    public void println(Supplier<String> line) {
        synchronized (this) {
            long time = System.nanoTime();
            if (time - secondStarted >= SECOND_NANOS) {
                sayWhatWasLeftOut();
                secondStarted = time;
            }
            if (shownThisSecond >= LINES_PER_SECOND) {
                if (leftOut++ == 0) {
                    notifyAll(); // the flusher says how many once the second is over, even if no line follows
                }
                return; // never made
            }
            shownThisSecond++;
        }
        queue(line);
    }

    /** Queues the line that says how many lines of the last second were left out, if any were. */
    private void sayWhatWasLeftOut() {
        if (leftOut > 0) {
            long count = leftOut;
            queued.add(() -> String.format(Locale.ROOT, "… %,d more lines like these not shown (over %,d a second)", count,
                    LINES_PER_SECOND));
            if (!pending) {
                pending = true;
                notifyAll();
            }
        }
        leftOut = 0;
        shownThisSecond = 0;
    }

    private void queue(Supplier<String> line) {
        boolean now;
        synchronized (this) {
            queued.add(line);
            long time = System.nanoTime();
            // At once after a quiet spell; while the flusher has lines to write, this one joins them, unless a
            // console that takes nothing has let MOST_QUEUED pile up: then the caller waits to write them, as it did
            // before the log had a thread.
            now = closed || queued.size() >= MOST_QUEUED
                    || (!pending && !flushing && time - lastFlush >= INTERVAL_NANOS);
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
                out.println(made(line));
            }
            out.flush();
        }
    }

    /** The line, or what went wrong making it: one line that cannot be made must not end the log. */
    private static String made(Supplier<String> line) {
        try {
            return line.get();
        } catch (RuntimeException e) {
            return "(a log line could not be made: " + e + ")";
        }
    }

    private void flushLoop() {
        try {
            while (true) {
                synchronized (this) {
                    while (!pending && !closed) {
                        // Lines were left out: say how many once their second is over, even if none follow.
                        long untilSecondEnds = secondStarted + SECOND_NANOS - System.nanoTime();
                        if (leftOut > 0 && untilSecondEnds <= 0) {
                            sayWhatWasLeftOut();
                            secondStarted = System.nanoTime();
                        } else if (leftOut > 0) {
                            wait(Math.max(1, untilSecondEnds / 1_000_000));
                        } else {
                            wait();
                        }
                    }
                    if (closed) {
                        return;
                    }
                }
                Thread.sleep(FLUSH_INTERVAL.toMillis()); // let the burst gather
                synchronized (this) {
                    flushing = true;
                }
                try {
                    flush();
                } finally {
                    synchronized (this) {
                        flushing = false;
                        lastFlush = System.nanoTime();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is left and stops the flushing thread. */
    @Override
    public void close() {
        synchronized (this) {
            sayWhatWasLeftOut();
            closed = true;
            notifyAll();
        }
        flush();
    }
}
