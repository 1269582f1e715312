package org.socketlab.lab;

import org.socketlab.model.ConsoleLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.socketlab.net.Terminal;

/**
 * A program's console, recorded: what it printed, with times, and the sentence "typed" at its prompt, shown
 * after the prompt as a terminal shows typed input. Thread-safe; {@link #await} lets a step wait for a line a
 * server prints on its own thread, with a bounded timeout instead of a sleep.
 */
public final class Transcript implements Terminal {
    private final LongSupplier clock;
    private final List<ConsoleLine> lines = new ArrayList<>();
    private String typed;

    Transcript(LongSupplier clock) {
        this.clock = clock;
    }

    /** What the next prompt will be answered with, as if typed. */
    public synchronized void type(String sentence) {
        typed = sentence;
    }

    @Override
    public synchronized String readLine(String prompt) {
        String answer = typed;
        typed = null;
        add(ConsoleLine.OUT, prompt + (answer == null ? "" : answer));
        return answer;
    }

    @Override
    public void println(String line) {
        add(ConsoleLine.OUT, line);
    }

    @Override
    public void printError(String line) {
        add(ConsoleLine.ERR, line);
    }

    private synchronized void add(String stream, String text) {
        for (String line : text.split("\r?\n", -1)) {
            lines.add(new ConsoleLine(clock.getAsLong(), stream, line));
        }
        notifyAll();
    }

    public synchronized List<ConsoleLine> lines() {
        return List.copyOf(lines);
    }

    /** The console's text, a line per line, for a failure message to show; "(nothing)" when nothing was printed. */
    String text() {
        List<ConsoleLine> printed = lines();
        return printed.isEmpty() ? "(nothing)"
                : printed.stream().map(ConsoleLine::text).collect(Collectors.joining("\n"));
    }

    /** Waits up to the timeout for a line that matches; empty if none came. */
    public Optional<ConsoleLine> await(Predicate<ConsoleLine> wanted, Duration timeout) {
        OptionalInt index = awaitIndex(wanted, 0, timeout);
        return index.isPresent() ? Optional.of(lines().get(index.getAsInt())) : Optional.empty();
    }

    /** Waits up to the timeout for a matching line at or after {@code from}; its index, or empty. */
    public synchronized OptionalInt awaitIndex(Predicate<ConsoleLine> wanted, int from, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = from;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (wanted.test(lines.get(seen))) {
                    return OptionalInt.of(seen);
                }
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return OptionalInt.empty();
            }
            try {
                wait(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalInt.empty();
            }
        }
    }
}
