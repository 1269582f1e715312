package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report with the student's answers and points, opened in headless Chromium: the answers are in the DOM as
 * text, the {@code <script>} in one of them made no element, and a screenshot is left in
 * {@code target/report-screenshots/answers.png}. Skipped when Chromium is not installed.
 */
class AnswersInChromiumIT {
    private static final Path OUT = Path.of("target", "report-screenshots", "answers").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theAnswersAndScoresRenderAndTheScriptInAnAnswerStaysText() throws Exception {
        ReportInChromiumIT.assumeChromium();
        Path html = new ReportRenderer(null).write(CourseFixture.graded(dir, true), OUT);

        String dom = ReportInChromiumIT.run("--dump-dom", html.toUri().toString());

        assertThat(dom).contains("<section class=\"unmatched\" id=\"unmatched-answers\">",
                "The server upper-cases <strong>every</strong> sentence.",
                "The server answers the address the datagram came from. &lt;script&gt;alert('owned')&lt;/script&gt;",
                ">5 / 10.5</span>");
        // The fixture's own untrusted values (a captured header, a console line) are escaped too: no script at all.
        assertThat(dom).doesNotContain("<script", "href=\"javascript");
        Path png = OUT.resolveSibling("answers.png");
        Files.deleteIfExists(png);
        ReportInChromiumIT.run("--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString());
        assertThat(Files.size(png)).isGreaterThan(60_000);
    }
}
