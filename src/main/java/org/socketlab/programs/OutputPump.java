package org.socketlab.programs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads one output stream of a child on its own daemon thread, until the stream ends, and hands it on as lines:
 * UTF-8, split at {@code "\n"}, the {@code "\r"} of a terminal's {@code "\r\n"} removed. What is left without a
 * newline at the end (a prompt) is handed on as a line too. The thread always reads on, so a program never blocks
 * on a full pipe; bytes beyond the {@link Budget} are counted and dropped.
 */
final class OutputPump {
    /** Where the bytes come from: a pipe or a pseudo-terminal. */
    interface Source {
        /** Bytes read into the buffer; 0 when none came yet (the pump asks again), -1 at the end. */
        int read(byte[] buffer) throws IOException;
    }

    /**
     * The bytes one process may leave in memory, across its streams, and its lines: at most one line per
     * {@link #LINE_BYTES} bytes of the limit, since a line kept costs memory of its own (a string, a record), so a
     * megabyte of empty lines would otherwise be a million of them. The first byte or line over the limit calls
     * {@code onExceeded} once; from then on everything is dropped and counted.
     */
    static final class Budget {
        /** The bytes of the limit each line kept counts for, at least. */
        static final int LINE_BYTES = 64;

        private final long limit;
        private final long mostLines;
        private final Runnable onExceeded;
        private final AtomicLong kept = new AtomicLong();
        private final AtomicLong lines = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();

        Budget(long limit, Runnable onExceeded) {
            this.limit = limit;
            this.mostLines = Math.max(1, limit / LINE_BYTES);
            this.onExceeded = onExceeded;
        }

        /** Whether a line of {@code bytes} bytes, already taken as bytes, may be kept as a line too. */
        boolean takeLine(int bytes) {
            if (lines.incrementAndGet() <= mostLines) {
                return true;
            }
            if (dropped.getAndAdd(bytes + 1L) == 0) {
                onExceeded.run();
            }
            return false;
        }

        /** How many of {@code n} new bytes may be kept; the rest are dropped. */
        int take(int n) {
            long before = kept.getAndUpdate(k -> Math.min(limit, k + n));
            int allowed = (int) Math.min(n, limit - before);
            if (allowed < n && dropped.getAndAdd(n - allowed) == 0) {
                onExceeded.run();
            }
            return allowed;
        }

        long dropped() {
            return dropped.get();
        }
    }

    private final Source source;
    private final Budget budget;
    private final Consumer<String> lines;
    private final Runnable changed;
    private final Thread thread;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean holdsPartialLine;
    private volatile long newlines; // written holding the lock
    private volatile long handled;
    private volatile boolean stopped;

    /**
     * @param lines   called with each line, on the pump's thread
     * @param changed called after each read and at the end, so waiters can look again
     */
    OutputPump(String threadName, Source source, Budget budget, Consumer<String> lines, Runnable changed) {
        this.source = source;
        this.budget = budget;
        this.lines = lines;
        this.changed = changed;
        this.thread = new Thread(this::pump, threadName);
        thread.setDaemon(true); // a program that never closes its output must not keep the JVM alive
    }

    void start() {
        thread.start();
    }

    /** Whether the program wrote something since its last newline, e.g. a prompt waiting for input. */
    boolean holdsPartialLine() {
        return holdsPartialLine;
    }

    /** How many lines have ended so far: tells one prompt from the next. */
    long lineCount() {
        return newlines;
    }

    /** How many bytes this pump has read and handed on (or dropped): for {@link Pty#drained}. */
    long bytesHandled() {
        return handled;
    }

    /** Waits for the stream's end, at most {@code max}; whether it ended. */
    boolean awaitEnd(Duration max) {
        try {
            thread.join(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Stops handing on lines; a read blocked on a pipe still ends only when the pipe does. */
    void stop() {
        stopped = true;
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (!stopped && (n = source.read(buffer)) >= 0) {
                if (n > 0) {
                    split(buffer, budget.take(n));
                    handled += n;
                    changed.run();
                }
            }
        } catch (IOException e) {
            // The stream was closed under the read (the process was closed): its output is over.
        } finally {
            synchronized (this) {
                if (partial.size() > 0 && !stopped) {
                    endLine();
                }
            }
            changed.run();
        }
    }

    /**
     * Ends the partial line (a prompt) with {@code text} and hands it on, as a terminal shows the echo of a typed
     * line after a prompt that was written to this stream; false, doing nothing, if there is no partial line.
     */
    synchronized boolean endPartialLineWith(String text) {
        if (partial.size() == 0) {
            return false;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        partial.write(bytes, 0, bytes.length);
        endLine();
        return true;
    }

    private synchronized void split(byte[] buffer, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                partial.write(buffer, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        partial.write(buffer, start, length - start);
        holdsPartialLine = partial.size() > 0;
    }

    /** Hands on the partial line as a line, without the \r of a terminal's \r\n. Called holding the lock. */
    private void endLine() {
        byte[] line = partial.toByteArray();
        int end = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        partial.reset();
        holdsPartialLine = false; // before the count, so no one sees the old partial line with the new count
        newlines++;
        if (!budget.takeLine(end)) {
            return;
        }
        try {
            lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // A failing listener must not stop the reading, or the program would block on a full pipe.
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }
}
