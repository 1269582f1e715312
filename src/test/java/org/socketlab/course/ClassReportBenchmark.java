package org.socketlab.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.socketlab.report.ReportFixture;
import org.socketlab.report.ReportJson;

/**
 * How long the class report takes for a large class, and how big it gets: N students (default 500), each a
 * results.json of M scenarios (default 30, the report fixture's scenarios with their consoles, packets and HTTP
 * exchanges) with a seeded mix of verdicts and failure reasons, and an index.html beside it. Times reading and
 * rendering once cold (what {@code socket-lab class-report} pays), then warm, median of several runs. Not a
 * test: timings on a shared machine vary. Run with
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.socketlab.course.ClassReportBenchmark [-Dexec.args="500 30"]
 * </pre>
 * With a third argument, e.g. {@code -Dexec.args="500 0 target/lab-report/results.json"}, every student's report
 * is that real run's (all its consoles and packets), verdicts varied the same way.
 * and record the figures in BENCHMARKS.md. Leaves the input in {@code target/class-bench/in/} and the class report
 * in {@code target/class-bench/out/}.
 */
public final class ClassReportBenchmark {
    private static final int RUNS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassReportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int scenarios = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        // A real run's results.json as every student's, instead of the fixture (its scenarios, not M of them).
        Path real = args.length > 2 ? Path.of(args[2]) : null;
        Path root = Path.of("target", "class-bench");
        Path in = root.resolve("in");
        Path out = root.resolve("out");
        long inputBytes = writeClass(in, students, real == null ? JSON.readTree(ReportJson.write(
                ReportFixture.large(scenarios))) : JSON.readTree(real.toFile()));

        ClassReports classReports = new ClassReports(null, Clock.systemUTC());
        long coldStart = System.nanoTime();
        ClassReport first = classReports.read(List.of(in), out);
        long coldReadNanos = System.nanoTime() - coldStart;
        classReports.render(first);
        long coldRenderNanos = System.nanoTime() - coldStart - coldReadNanos;
        ClassReports.Written written = classReports.write(List.of(in), out);

        long[] readNanos = new long[RUNS];
        long[] renderNanos = new long[RUNS];
        String html = "";
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            ClassReport report = classReports.read(List.of(in), out);
            readNanos[i] = System.nanoTime() - start;
            start = System.nanoTime();
            html = classReports.render(report) + ClassReports.csv(report);
            renderNanos[i] = System.nanoTime() - start;
        }
        if (html.isEmpty()) {
            throw new IllegalStateException("nothing rendered");
        }
        ClassReport report = written.report();
        System.out.printf(Locale.ROOT, "class report, %d students x %d scenarios, %d cores, Java %s%n",
                report.students().size(), report.columns().size(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  input          %8.1f MB of results.json (%.0f KB each)%n", inputBytes / 1e6,
                inputBytes / 1e3 / students);
        System.out.printf(Locale.ROOT, "  read + merge   %8.0f ms  first in this JVM%n", millis(coldReadNanos));
        System.out.printf(Locale.ROOT, "  render         %8.0f ms  first in this JVM%n", millis(coldRenderNanos));
        System.out.println("  read + merge   " + spread(readNanos));
        System.out.println("  render + csv   " + spread(renderNanos));
        System.out.printf(Locale.ROOT, "  index.html     %8.2f MB%n", Files.size(written.html()) / 1e6);
        System.out.printf(Locale.ROOT, "  grades.csv     %8.2f MB%n", Files.size(written.csv()) / 1e6);
        System.out.printf(Locale.ROOT, "  reasons        %d groups listed, %d more; %d input problems%n",
                report.failures().size(), report.moreFailures(), report.problems().size());
        System.out.println("  written to " + out.toAbsolutePath());
    }

    /** Writes the class's results.json files (and an index.html beside each); returns their total size. */
    static long writeClass(Path in, int students, JsonNode template) throws IOException {
        if (Files.exists(in)) {
            try (Stream<Path> old = Files.walk(in)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Random random = new Random(12);
        long bytes = 0;
        for (int s = 0; s < students; s++) {
            ObjectNode report = template.deepCopy();
            String id = String.format(Locale.ROOT, "2026%05d", s);
            ((ObjectNode) report.get("cover")).put("studentId", id).put("student", "Student " + s);
            ((ObjectNode) report.get("run")).put("started", Instant.parse("2026-11-30T08:00:00Z").plusSeconds(s)
                    .toString());
            for (JsonNode feature : report.get("features")) {
                // Worked out again from the varied verdicts when read (the template's may say none ran).
                ((ObjectNode) feature).remove("gradable");
                for (JsonNode scenario : feature.get("scenarios")) {
                    vary((ObjectNode) scenario, random);
                }
            }
            Path dir = Files.createDirectories(in.resolve("lab-report-" + id));
            byte[] json = JSON.writeValueAsBytes(report);
            Files.write(dir.resolve("results.json"), json);
            Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><title>" + id + "</title>",
                    StandardCharsets.UTF_8);
            bytes += json.length;
        }
        return bytes;
    }

    /** Most scenarios pass; the rest fail with one of a few mistakes (different ports each time) or are skipped. */
    private static void vary(ObjectNode scenario, Random random) {
        // A scenario is worth the same to every student: 1, 1.5 or 2 points by its name.
        double points = 1 + Math.floorMod(scenario.path("name").asText().hashCode(), 3) / 2.0;
        int roll = random.nextInt(100);
        String status = roll < 70 ? "PASSED" : roll < 90 ? "FAILED" : "SKIPPED";
        scenario.put("status", status);
        scenario.put("verdict", switch (status) {
            case "PASSED" -> "AS_EXPECTED";
            case "FAILED" -> "NOT_AS_EXPECTED";
            default -> "SKIPPED";
        });
        scenario.put("points", points);
        scenario.put("score", status.equals("PASSED") ? points : 0);
        scenario.remove("reason");
        ArrayNode steps = (ArrayNode) scenario.get("steps");
        for (JsonNode step : steps) {
            ((ObjectNode) step).put("status", "PASSED").remove("errorMessage");
        }
        if (status.equals("PASSED") || steps.isEmpty()) {
            return;
        }
        ObjectNode last = (ObjectNode) steps.get(steps.size() - 1);
        int port = 30_000 + random.nextInt(30_000);
        if (status.equals("FAILED")) {
            last.put("status", "FAILED");
            last.put("errorMessage", switch (random.nextInt(3)) {
                case 0 -> "expected: the client receives \"ASMAA GAMAL NAGY\"\n but observed: \"asmaa gamal nagy\" "
                        + "from 127.0.0.1:" + port + "; the client's console:\nInput lowercase sentence:asmaa";
                case 1 -> "expected: the client fails with connection refused\n but observed: reply \"ASMAA\" after "
                        + random.nextInt(900) + " ms";
                default -> "expected: the server prints \"GET / HTTP/1.1\"\n but observed: not printed; the "
                        + "server's console:\nServer listening on 127.0.0.1 : " + port;
            });
        } else {
            String reason = "the udp-server listens on " + port + "/udp; this scenario needs it on 4000/udp: pass "
                    + "the port with {port} in lab.program.udp-server";
            scenario.put("reason", reason);
            last.put("status", "SKIPPED");
            last.put("errorMessage", reason);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** The runs' median, least and most, in milliseconds. */
    private static String spread(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%8.0f ms  median of %d (min %.0f, max %.0f)", millis(sorted[sorted.length / 2]),
                sorted.length, millis(sorted[0]), millis(sorted[sorted.length - 1]));
    }
}
