package org.socketlab.net;

import java.time.Duration;
import java.util.regex.Pattern;

/** Durations as people write them on a command line and in feature files: {@code 2s}, {@code 500ms}, {@code 1m}. */
public final class Durations {
    /** The longest duration accepted: longer ones are typing mistakes, and overflow the JDK's timeouts. */
    public static final Duration LONGEST = Duration.ofDays(1);

    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    private Durations() {
    }

    /**
     * Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, or a bare number of seconds, from 0 to {@link
     * #LONGEST}; a duration above zero but under a millisecond counts as a millisecond, since socket timeouts are
     * whole milliseconds and 0 would mean "forever".
     */
    public static Duration parse(String text) {
        Duration parsed = parseUnchecked(text);
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"; it must not be negative");
        }
        if (parsed.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"; at most 1 day (1440m or 86400s)");
        }
        if (!parsed.isZero() && parsed.toMillis() == 0) {
            return Duration.ofMillis(1);
        }
        return parsed;
    }

    private static Duration parseUnchecked(String text) {
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            }
            String seconds = value.endsWith("s") ? value.substring(0, value.length() - 1).trim() : value;
            if (!DECIMAL.matcher(seconds).matches()) {
                // Double.parseDouble alone would take "2d", "2f", "1e3" and "0x1p3" as numbers of seconds.
                throw new NumberFormatException("not a decimal number");
            }
            return Duration.ofNanos(Math.round(Double.parseDouble(seconds) * 1e9));
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
