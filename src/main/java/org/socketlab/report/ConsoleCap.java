package org.socketlab.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.ScenarioObservations;

/**
 * The cap on what {@code results.json} keeps of one program's console: {@value #BYTES_PER_CONSOLE} bytes of text
 * per role. A program that floods its console (a loop printing forever until its output limit stops it) would
 * otherwise make a report too big to open or hand in. What is over the cap is dropped, and a note in the scenario
 * says how many lines and bytes, so the report never passes a cut console off as the whole of it.
 */
final class ConsoleCap {
    /** 1 MiB of results.json per program role's console: each line's UTF-8 text and its record around it. */
    static final int BYTES_PER_CONSOLE = 1 << 20;
    /**
     * What a console line costs in results.json beside its text (its time, its stream, the indented JSON around
     * them: about 100 bytes). Counted so that a million empty lines, a megabyte of output, cannot make 100 MB of
     * report.
     */
    static final int LINE_RECORD_BYTES = 100;

    private ConsoleCap() {
    }

    /** The observations with every console cut to the cap, and a note for each console that was cut. */
    static ScenarioObservations apply(ScenarioObservations observed) {
        return apply(observed, BYTES_PER_CONSOLE);
    }

    static ScenarioObservations apply(ScenarioObservations observed, int cap) {
        Map<String, List<ConsoleLine>> kept = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>(observed.notes());
        boolean cut = false;
        for (Map.Entry<String, List<ConsoleLine>> console : observed.consoles().entrySet()) {
            List<ConsoleLine> lines = console.getValue() == null ? List.of() : console.getValue();
            long bytes = 0;
            int keep = 0;
            for (ConsoleLine line : lines) {
                long size = size(line);
                if (bytes + size > cap) {
                    break;
                }
                bytes += size;
                keep++;
            }
            kept.put(console.getKey(), lines.subList(0, keep));
            if (keep < lines.size()) {
                cut = true;
                long dropped = lines.subList(keep, lines.size()).stream().mapToLong(ConsoleCap::size).sum();
                notes.add(String.format(Locale.ROOT, "The %s's console printed %,d more lines (%s) after its first %s:"
                        + " they were dropped and are not in results.json, which keeps at most %s of each"
                        + " program's console (a line counting %d bytes beside its text).", console.getKey(),
                        lines.size() - keep, megabytes(dropped), megabytes(bytes), megabytes(cap),
                        LINE_RECORD_BYTES));
            }
        }
        if (!cut) {
            return observed;
        }
        return new ScenarioObservations(observed.ports(), kept, observed.runs(), observed.events(),
                observed.checks(), observed.http(), observed.packets(), notes);
    }

    private static long size(ConsoleLine line) {
        return (line.text() == null ? 0 : line.text().getBytes(StandardCharsets.UTF_8).length) + LINE_RECORD_BYTES;
    }

    private static String megabytes(long bytes) {
        return bytes < 10_000 ? String.format(Locale.ROOT, "%,d bytes", bytes)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }
}
