package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the rendered fixture report in headless Chromium, as a grader opens the file: a screenshot that shows
 * something, and a DOM in which the summary table rendered. Skipped when Chromium is not installed.
 * Leaves {@code target/report-screenshots/fixture.png} (and a dark-mode one) to look at.
 */
class ReportInChromiumIT {
    private static final Path OUT = Path.of("target", "report-screenshots").toAbsolutePath();
    private static Path html;

    @BeforeAll
    static void render() throws IOException {
        html = new ReportRenderer(null).write(ReportFixture.report(), OUT);
    }

    @Test
    void theScreenshotShowsAPage() throws Exception {
        assumeChromium();
        Path png = OUT.resolve("fixture.png");
        Files.deleteIfExists(png);
        run("--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString());
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        // A blank 1280×2000 page compresses to a few kilobytes; the report's text and colours do not.
        assertThat(bytes.length).isGreaterThan(60_000);
    }

    @Test
    void theDarkSchemeRendersToo() throws Exception {
        assumeChromium();
        Path png = OUT.resolve("fixture-dark.png");
        Files.deleteIfExists(png);
        run("--force-dark-mode", "--blink-settings=preferredColorScheme=0", "--screenshot=" + png,
                "--window-size=1280,1400", html.toUri().toString());
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(40_000);
    }

    @Test
    void theDomHasTheSummaryTableAndEveryQuestion() throws Exception {
        assumeChromium();
        String dom = run("--dump-dom", html.toUri().toString());
        // --dump-dom exits 0 even when the page did not load: the DOM itself must show the report.
        assertThat(dom).contains("<section class=\"summary\" id=\"summary\">", "<table>",
                "Question (a): TCPClient before TCPServer", "<svg class=\"seq\"");
        assertThat(dom.split("<article class=\"scenario", -1)).hasSize(8);
        assertThat(dom).doesNotContain("<script>alert");
    }

    static void assumeChromium() {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.whyMissing());
    }

    static String run(String... arguments) throws Exception {
        return HeadlessChromium.run(arguments);
    }
}
