package org.socketlab.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketlab.report.HeadlessChromium;

/**
 * Opens a class report in headless Chromium, as an instructor opens the file: the DOM Chromium built has the matrix
 * (a row per student, a cell per scenario), the chart, the grouped reasons and the input problems, a student's
 * {@code <script>} is text, and a screenshot shows a page. Skipped when Chromium is not installed. Leaves
 * {@code target/report-screenshots/class-report.png} to look at.
 */
class ClassReportInChromiumIT {
    private static final Path OUT = Path.of("target", "report-screenshots").toAbsolutePath();
    private static final Path CLASS = Path.of("target", "class-report-chromium").toAbsolutePath();
    private static Path html;

    @BeforeAll
    static void writeAClass() throws IOException {
        if (Files.exists(CLASS)) {
            try (var old = Files.walk(CLASS)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        String tcp = ClassReportTest.TCP;
        String udp = ClassReportTest.UDP;
        StudentReports.student("s1", "Ali").passed(udp, "UDP works", 1).passed(tcp, "TCP works", 2)
                .writeTo(CLASS.resolve("in/ali"));
        Files.writeString(CLASS.resolve("in/ali/index.html"), "<!DOCTYPE html><title>Ali</title>");
        StudentReports.student("s2", "Bea " + ClassReportTest.SCRIPT).passed(udp, "UDP works", 1)
                .failed(tcp, "TCP works", 2, "the client receives \"ASMAA\"", "\"asmaa\" from 127.0.0.1:40000")
                .writeTo(CLASS.resolve("in/bea"));
        StudentReports.student("s3", "Cem").skipped(udp, "UDP works", 1, "no udp-server named")
                .skipped(tcp, "TCP works", 2, "no tcp-server named").ungradable(udp).ungradable(tcp)
                .writeTo(CLASS.resolve("in/cem"));
        Files.writeString(CLASS.resolve("in/stray-results.json"), "not json");
        html = new ClassReports(null, ClassReportTest.CLOCK)
                .write(List.of(CLASS.resolve("in"), CLASS.resolve("in/stray-results.json")), CLASS.resolve("out"))
                .html();
    }

    @Test
    void theDomHasTheMatrixTheChartTheReasonsAndTheProblems() throws Exception {
        assumeChromium();
        String dom = HeadlessChromium.run("--dump-dom", html.toUri().toString());
        // --dump-dom exits 0 even when the page did not load: the DOM itself must show the report.
        assertThat(count(dom, "<tr id=\"s\\d\">")).isEqualTo(3);
        assertThat(count(dom, "<td class=\"c [a-z-]+\"")).as("3 students × 2 scenarios").isEqualTo(6);
        assertThat(count(dom, "<tr class=\"rate\">")).isEqualTo(2);
        assertThat(dom).contains("<a href=\"../in/ali/index.html\">s1</a>", "<td class=\"c ungradable\"",
                "<span class=\"kind\">not a results.json</span>", "stray-results.json",
                "expected the client receives \"ASMAA\"; observed \"…\" from ADDRESS", "<a href=\"#s2\">s2</a>",
                "Bea &lt;script&gt;");
        assertThat(dom).doesNotContain("<script>alert");
    }

    @Test
    void theScreenshotShowsAPage() throws Exception {
        assumeChromium();
        Path png = OUT.resolve("class-report.png");
        Files.createDirectories(OUT);
        Files.deleteIfExists(png);
        HeadlessChromium.run("--screenshot=" + png, "--window-size=1280,1000", html.toUri().toString());
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        // A blank 1280×1000 page compresses to a few kilobytes; the matrix's colours and text do not.
        assertThat(bytes.length).isGreaterThan(30_000);
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static void assumeChromium() {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.whyMissing());
    }
}
