package org.socketlab.report.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.socketlab.report.LabReport;
import org.socketlab.report.ReportFixture;
import org.socketlab.report.ReportJson;
import org.socketlab.report.ReportRenderer;

/**
 * How long the report takes to render, and how big it gets: a fixture of N scenarios (default 1,000) rendered
 * after a warm-up, median of several runs. Not a test: timings on a shared machine vary. Run with
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.socketlab.report.bench.RenderBenchmark [-Dexec.args="1000"]
 * </pre>
 * and record the figure in BENCHMARKS.md. Leaves the page in {@code target/bench-report/}.
 */
public final class RenderBenchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 11;

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        LabReport report = ReportFixture.large(scenarios);
        ReportRenderer renderer = new ReportRenderer(null);

        // A fresh JVM's first render pays for loading Freemarker, parsing the templates and a cold JIT: with the
        // 7-scenario fixture that is what one `mvn verify` pays; then the large report's first render, still cold.
        long coldStart = System.nanoTime();
        String small = renderer.render(ReportFixture.report());
        long coldNanos = System.nanoTime() - coldStart;
        long firstStart = System.nanoTime();
        String html = renderer.render(report);
        long firstNanos = System.nanoTime() - firstStart;
        for (int i = 1; i < WARMUP; i++) {
            html = renderer.render(report);
        }
        long[] renderNanos = new long[RUNS];
        long[] jsonNanos = new long[RUNS];
        String json = "";
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            html = renderer.render(report);
            renderNanos[i] = System.nanoTime() - start;
            start = System.nanoTime();
            json = ReportJson.write(report);
            jsonNanos[i] = System.nanoTime() - start;
        }
        Path out = Path.of("target", "bench-report");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), html, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.json"), json, StandardCharsets.UTF_8);

        System.out.printf(Locale.ROOT, "report rendering, %d scenarios, %d cores, Java %s%n", scenarios,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  index.html   %6.1f ms first render in this JVM, 7 scenarios (%.2f MB)%n",
                millis(coldNanos), small.getBytes(StandardCharsets.UTF_8).length / 1e6);
        System.out.printf(Locale.ROOT, "  index.html   %6.1f ms first render of %d scenarios%n", millis(firstNanos),
                scenarios);
        System.out.printf(Locale.ROOT, "  index.html   %6.1f ms median (min %.1f, max %.1f)  %6.2f MB%n",
                millis(median(renderNanos)), millis(min(renderNanos)), millis(max(renderNanos)),
                html.getBytes(StandardCharsets.UTF_8).length / 1e6);
        System.out.printf(Locale.ROOT, "  results.json %6.1f ms median (min %.1f, max %.1f)  %6.2f MB%n",
                millis(median(jsonNanos)), millis(min(jsonNanos)), millis(max(jsonNanos)),
                json.getBytes(StandardCharsets.UTF_8).length / 1e6);
        System.out.println("  written to " + out.toAbsolutePath());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
