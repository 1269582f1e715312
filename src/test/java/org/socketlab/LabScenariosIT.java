package org.socketlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;
import org.socketlab.lab.ObservationBoard;
import org.socketlab.model.ProgramInfo;
import org.socketlab.programs.ProgramSettings;
import org.socketlab.programs.SettingsException;
import org.socketlab.report.Coursework;
import org.socketlab.report.GraderFormats;
import org.socketlab.report.HeadlessChromium;
import org.socketlab.report.LabReportPlugin;
import org.socketlab.report.ReportJson;
import org.socketlab.report.ShippedReportPdf;
import org.socketlab.report.UngradableRun;

/**
 * Runs every feature file in {@code features/} on the Cucumber engine, in {@code mvn verify} (Failsafe).
 * Glue, plugins and parallelism are set in {@code src/test/resources/junit-platform.properties}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
class LabScenariosIT {
    /** Set when the program settings were refused: no scenario ran, so no report was written. */
    private static volatile boolean settingsRefused;

    /**
     * Checks the {@code lab.program.*} settings (lab.properties, -D) before any scenario runs, and publishes the
     * programs that will play each role for the report's cover. A setting that cannot be used stops the run with
     * one line, {@code error: <what is wrong>}; the previous run's report is removed so it cannot be taken for
     * this one's, and {@value LabReportPlugin#FAILED_FILE} says why.
     */
    @BeforeSuite
    static void theProgramSettingsAreUsable() {
        try {
            ProgramSettings settings = ProgramSettings.load(Path.of("").toAbsolutePath(), Path.of("features"),
                    System.getProperties());
            List<ProgramInfo> programs = settings.programInfos();
            ObservationBoard.updateSetup(setup -> setup.withPrograms(programs));
            // lab.answers, lab.referenceAnswers, lab.grader and the @points tags: refused before anything runs.
            Coursework.check(Path.of("features"));
        } catch (SettingsException | UncheckedIOException | IllegalArgumentException e) {
            settingsRefused = true;
            System.err.println("error: " + e.getMessage());
            noReport("No scenario ran: a lab setting cannot be used.\n\nerror: " + e.getMessage() + "\n");
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void noReport(String reason) {
        Path report = Path.of(System.getProperty("lab.report.dir", "target/lab-report"));
        try {
            Files.deleteIfExists(report.resolve("index.html"));
            Files.deleteIfExists(report.resolve("results.json"));
            Files.createDirectories(report);
            Files.writeString(report.resolve(LabReportPlugin.FAILED_FILE), reason, StandardCharsets.UTF_8);
            // The grader reads the reason too, instead of finding no file and showing its own error.
            UngradableRun.write(report, reason, Boolean.getBoolean("cucumber.execution.dry-run"));
        } catch (IOException e) {
            System.err.println("error: cannot mark " + report + " as not written: " + e);
        }
    }

    /**
     * The report this run just wrote, as a student or a CI viewer gets it: opened in headless Chromium (see
     * {@link #opensInABrowser}), and printed to a PDF that fits: at most 30 A4 pages, each question's title and the
     * student's name in it, screenshots of its first page and Part 2's left beside it (see {@link ShippedReportPdf}).
     * The two checks are independent, so the browser is opened while the PDF is read.
     */
    @AfterSuite
    static void theReportOpensAndPrints() throws Exception {
        if (settingsRefused) {
            return; // no scenario ran, so there is no report to open; the suite already failed with the reason
        }
        Path report = Path.of(System.getProperty("lab.report.dir", "target/lab-report")).toAbsolutePath();
        CompletableFuture<Void> browser = CompletableFuture.runAsync(() -> {
            try {
                opensInABrowser(report);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Throwable failed = null;
        try {
            if (!Boolean.getBoolean("cucumber.execution.dry-run")) {
                ShippedReportPdf.check(report); // a dry run's report is of scenarios that did not run
            }
        } catch (Exception | AssertionError e) {
            failed = e;
        }
        try {
            browser.join();
        } catch (CompletionException e) {
            if (failed == null) {
                failed = e.getCause();
            } else {
                failed.addSuppressed(e.getCause());
            }
        }
        if (failed instanceof Exception exception) {
            throw exception;
        } else if (failed != null) {
            throw (Error) failed;
        }
    }

    private static void opensInABrowser(Path report) throws Exception {
        Path html = report.resolve("index.html");
        assertThat(html).as("the report this run wrote").isNotEmptyFile();
        // Beside it, the graders' files: one test per scenario, in Gradescope's and PrairieLearn's formats.
        GraderFormats.assertValid(report);
        if (!HeadlessChromium.available()) {
            System.err.println("Not opening the report in a browser: " + HeadlessChromium.whyMissing());
            return;
        }
        Path screenshot = report.resolve("screenshot.png");
        // One launch does both: the screenshot is written and the DOM printed.
        String dom = HeadlessChromium.run("--screenshot=" + screenshot, "--window-size=1280,1600", "--dump-dom",
                html.toUri().toString());
        assertThat(Files.size(screenshot)).as("a screenshot of the report").isGreaterThan(20_000);
        // --dump-dom exits 0 even when the page did not load: the DOM itself must show the report.
        assertThat(dom).contains("<section class=\"summary\" id=\"summary\">");
        // Where a scenario ran (not a dry run, not a filter that matched none), its programs' exchange is drawn.
        if (ReportJson.read(report.resolve("results.json")).features().stream()
                .anyMatch(feature -> Boolean.TRUE.equals(feature.gradable()))) {
            assertThat(dom).as("a sequence diagram of what the programs did").contains("<svg class=\"seq\"");
        }
    }
}
