package org.socketlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;
import org.socketlab.report.HeadlessChromium;

/**
 * Runs every feature file in {@code features/} on the Cucumber engine, in {@code mvn verify} (Failsafe).
 * Glue, plugins and parallelism are set in {@code src/test/resources/junit-platform.properties}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
class LabScenariosIT {
    /**
     * Opens the report this run just wrote in headless Chromium, as a student or CI viewer would: the page must
     * render, with its summary, and a screenshot is left beside it ({@code screenshot.png}).
     */
    @AfterSuite
    static void theReportOpensInABrowser() throws Exception {
        Path report = Path.of(System.getProperty("lab.report.dir", "target/lab-report")).toAbsolutePath();
        Path html = report.resolve("index.html");
        assertThat(html).as("the report this run wrote").isNotEmptyFile();
        if (!HeadlessChromium.available()) {
            System.err.println("Not opening the report in a browser: " + HeadlessChromium.whyMissing());
            return;
        }
        Path screenshot = report.resolve("screenshot.png");
        HeadlessChromium.run("--screenshot=" + screenshot, "--window-size=1280,1600", html.toUri().toString());
        assertThat(Files.size(screenshot)).as("a screenshot of the report").isGreaterThan(20_000);
        // --dump-dom exits 0 even when the page did not load: the DOM itself must show the report.
        String dom = HeadlessChromium.run("--dump-dom", html.toUri().toString());
        assertThat(dom).contains("<section class=\"summary\" id=\"summary\">");
        if (!Boolean.getBoolean("cucumber.execution.dry-run")) {
            assertThat(dom).as("a sequence diagram of what the programs did").contains("<svg class=\"seq\"");
        }
    }
}
