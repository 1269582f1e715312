package org.socketlab.report;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.socketlab.answers.Markdown;

/**
 * Numbers and times as the report prints them, available to templates as {@code fmt}: {@code ${fmt.duration(d)}}.
 * Times are shown in the zone the run was made in (see {@link RunInfo#zone()}), so a re-rendered report reads
 * the same everywhere.
 */
public final class Format {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx",
            Locale.ENGLISH);

    private final ZoneId zone;

    Format(String zone) {
        this.zone = zoneOf(zone);
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }

    /** {@code 0.40 ms}, {@code 4.5 ms}, {@code 12 ms}, {@code 2.01 s}; empty for null. */
    public String duration(Duration duration) {
        return duration == null ? "" : micros(duration.toNanos() / 1_000);
    }

    /** A duration given in microseconds, with the unit that reads best. */
    public String micros(long micros) {
        if (micros < 1_000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1_000.0);
        }
        if (micros < 10_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
        }
        if (micros < 1_000_000) {
            return (micros / 1_000) + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
    }

    /** A moment since the scenario started, e.g. {@code +12 ms}. */
    public String offsetMillis(long millis) {
        return "+" + (millis < 1_000 ? millis + " ms" : String.format(Locale.ROOT, "%.2f s", millis / 1_000.0));
    }

    /** Points as a reader writes them: {@code 2}, {@code 1.5}, {@code 0}. */
    public String points(double points) {
        return number(points);
    }

    /** Points as {@link #points(double)} writes them, for code without {@code fmt}: graders' files, class report. */
    public static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A student's markdown as HTML, raw HTML escaped and unsafe links dropped (see {@link Markdown}); print it with
     * {@code ?no_esc}: {@code ${fmt.markdown(s.studentAnswer)?no_esc}}.
     */
    public String markdown(String markdown) {
        return Markdown.toHtml(markdown);
    }

    /** e.g. {@code 24 November 2026}. */
    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(zone));
    }

    /** e.g. {@code 2026-11-24 09:56:44 +02:00}. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }
}
