package org.socketlab.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** An {@link Output} that keeps every line a server logs, for tests to wait on and count. Thread-safe. */
final class RecordingOutput implements Output {
    /** One logged line; error lines went to the error stream. */
    record Line(boolean error, String text) {
        @Override
        public String toString() {
            return (error ? "ERR " : "OUT ") + text;
        }
    }

    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void println(String line) {
        lines.add(new Line(false, line));
    }

    @Override
    public synchronized void printError(String line) {
        lines.add(new Line(true, line));
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines whose text names this client, e.g. {@code 127.0.0.1:54321} (and not {@code 127.0.0.1:543210}). */
    List<Line> about(String client) {
        Pattern named = Pattern.compile(Pattern.quote(client) + "(?!\\d)");
        return lines().stream().filter(line -> named.matcher(line.text()).find()).toList();
    }

    /** Waits up to the timeout for a line that matches, and returns it. */
    Line await(Predicate<Line> matches, Duration timeout) {
        Line[] found = new Line[1];
        Eventually.within(timeout, "a log line to match; logged: " + lines(), () -> {
            found[0] = lines().stream().filter(matches).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    Line awaitText(String fragment) {
        return await(line -> line.text().contains(fragment), Duration.ofSeconds(10));
    }
}
