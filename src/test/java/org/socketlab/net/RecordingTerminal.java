package org.socketlab.net;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A console as a pipe records it: the prompt is printed without a line break and the typed sentence is not
 * echoed, so {@link #out()} can be compared byte for byte with what a Python script printed on a pipe.
 * Thread-safe: a server prints on its own threads while a test waits with {@link #awaitOutLine}.
 */
public final class RecordingTerminal implements Terminal {
    private final Deque<String> typed;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    /** A terminal whose prompts are answered with these lines, in order, then with end of input. */
    public RecordingTerminal(String... typedLines) {
        this.typed = new ArrayDeque<>(Arrays.asList(typedLines));
    }

    @Override
    public synchronized String readLine(String prompt) {
        out.append(prompt);
        notifyAll();
        return typed.poll();
    }

    @Override
    public synchronized void println(String line) {
        out.append(line).append('\n');
        notifyAll();
    }

    @Override
    public synchronized void printError(String line) {
        err.append(line).append('\n');
        notifyAll();
    }

    /** Everything printed on standard output, as a pipe would hold it. */
    public synchronized String out() {
        return out.toString();
    }

    public synchronized String err() {
        return err.toString();
    }

    public synchronized List<String> outLines() {
        return out.toString().lines().toList();
    }

    /** Waits up to the timeout for a complete line on standard output that matches; empty if none came. */
    public Optional<String> awaitOutLine(Predicate<String> wanted, Duration timeout) {
        return await(out, wanted, timeout);
    }

    /** Waits up to the timeout for a complete line on standard error that matches; empty if none came. */
    public Optional<String> awaitErrLine(Predicate<String> wanted, Duration timeout) {
        return await(err, wanted, timeout);
    }

    private synchronized Optional<String> await(StringBuilder stream, Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = stream.toString();
            int complete = text.lastIndexOf('\n') + 1; // a prompt not yet followed by a line break is not a line
            Optional<String> match = text.substring(0, complete).lines().filter(wanted).findFirst();
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (match.isPresent() || leftMillis <= 0) {
                return match;
            }
            try {
                wait(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
