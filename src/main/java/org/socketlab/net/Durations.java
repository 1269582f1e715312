package org.socketlab.net;

import java.time.Duration;

/** Durations as people write them on a command line and in feature files: {@code 2s}, {@code 500ms}, {@code 1m}. */
public final class Durations {
    private Durations() {
    }

    /** Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, or a bare number of seconds. */
    public static Duration parse(String text) {
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            }
            String seconds = value.endsWith("s") ? value.substring(0, value.length() - 1).trim() : value;
            double parsed = Double.parseDouble(seconds);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException("not a finite number");
            }
            return Duration.ofNanos(Math.round(parsed * 1e9));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"; write e.g. 2s, 500ms or 1m", e);
        }
    }

    /** {@code 2s}, {@code 1.5s}, {@code 250ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000 || millis % 100 != 0) {
            return millis + "ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : (millis / 100) / 10.0 + "s";
    }
}
