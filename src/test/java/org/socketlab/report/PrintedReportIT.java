package org.socketlab.report;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.http.Chromium;

/**
 * The printed report (lab-report.pdf) of the fixture, which has one scenario not as expected: failures first, the
 * footer, and what happens where there is no Chromium. Prints once with Chromium; skipped where it is missing.
 */
@Isolated("it sets lab.chromium, which every class that prints or opens a report reads")
class PrintedReportIT {
    private static final String FAILED = "The line server prints what a client sends";

    @TempDir
    Path dir;

    @Test
    void aFailingScenarioIsListedOnTheFirstPageAndShowsWhatFailedAtItsTop() throws IOException {
        assumeTrue(Chromium.find().isPresent(), Chromium::whyMissing);
        List<String> console = new ArrayList<>();

        PdfPrinter.write(new ReportRenderer(null), ReportFixture.report(), dir, true, console::add);

        assertThat(console).containsExactly("Lab report: " + dir.resolve("index.html").toUri(),
                "Lab report PDF: " + dir.resolve(PdfPrinter.PDF_FILE).toUri());
        PrintedPdf pdf = PrintedPdf.read(dir.resolve(PdfPrinter.PDF_FILE));
        String expected = "the server prints the line \"GET / HTTP/1.1\"";
        String observed = "[127.0.0.1:50200] " + ReportFixture.SCRIPT;
        assertThat(pdf.page(1)).contains("Not as expected: 1 scenario", "Question 5 " + FAILED, expected, observed,
                "Page 1 of " + pdf.pageCount() + " · Asmaa Gamal Abdel-Halem Mabrouk Nagy · 15010473 - section 8");

        // Its own page: the scenario's name, then what failed, expected and observed, before its steps.
        String text = "";
        for (int page = pdf.pageCount(); page >= 2; page--) {
            if (pdf.page(page).contains(FAILED + " not as expected")) {
                text = pdf.page(page);
            }
        }
        assertThat(text).containsSubsequence(FAILED + " not as expected", "WHAT DID NOT GO AS EXPECTED",
                "EXPECTED " + expected, "OBSERVED " + observed, "STEPS");

        // The first page's entry links to the scenario.
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).containsSubsequence("<section class=\"failures-first\" id=\"failures\">",
                "<a href=\"#q5-s1\">", "<article class=\"scenario not-as-expected\" id=\"q5-s1\">",
                "<div class=\"failed-top\">", "<h4>Steps</h4>");
    }

    @Test
    void withoutChromiumThereIsNoPdfAndBothTheConsoleAndThePageSayWhy() throws IOException {
        Path earlier = Files.writeString(dir.resolve(PdfPrinter.PDF_FILE), "%PDF an earlier run's");
        Path missing = dir.resolve("no-chromium-here");
        List<String> console = new ArrayList<>();
        String before = System.getProperty(Chromium.PROPERTY);
        System.setProperty(Chromium.PROPERTY, missing.toString());
        try {
            PdfPrinter.write(new ReportRenderer(null), ReportFixture.report(), dir, true, console::add);
        } finally {
            if (before == null) {
                System.clearProperty(Chromium.PROPERTY);
            } else {
                System.setProperty(Chromium.PROPERTY, before);
            }
        }

        String why = "-D" + Chromium.PROPERTY + "=" + missing + " is not an executable file";
        assertThat(console).containsExactly("Lab report: " + dir.resolve("index.html").toUri(),
                "Lab report PDF not written: " + why);
        assertThat(earlier).doesNotExist();
        assertThat(Files.readString(dir.resolve("index.html")))
                .contains("<p class=\"pdf-missing\" role=\"note\"><strong>No lab-report.pdf was written.</strong> "
                        + why);
    }

    @Test
    void aReportWithoutFailuresHasNoFailureList() {
        LabReport report = ReportFixture.report();
        LabReport passing = new LabReport(report.schemaVersion(), report.run(), report.cover(), report.machine(),
                report.setup(), null, report.features().stream()
                        .filter(f -> f.scenarios().stream().noneMatch(s -> s.verdict() == Verdict.NOT_AS_EXPECTED))
                        .toList());
        String html = new ReportRenderer(null).render(passing);
        assertThat(html).doesNotContain("class=\"failures-first\"", "class=\"failed-top\"");
    }
}
