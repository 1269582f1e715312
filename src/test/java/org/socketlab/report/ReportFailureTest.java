package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report that cannot be written leaves no earlier run's page behind, and says so where a build can see it. */
class ReportFailureTest {
    @TempDir
    Path work;
    private Path dir;
    private ReportRenderer broken;

    @BeforeEach
    void anEarlierRunsReportAndABrokenTemplate() throws IOException {
        dir = work.resolve("lab-report");
        new ReportRenderer(null).write(ReportFixture.report(), dir);
        Path templates = Files.createDirectories(work.resolve("templates"));
        Files.writeString(templates.resolve(ReportRenderer.MAIN_TEMPLATE), "${report.noSuchField}");
        broken = new ReportRenderer(templates);
    }

    @Test
    void aTemplateErrorReplacesTheEarlierIndexHtmlWithAPageSayingWhy() throws IOException {
        String earlier = Files.readString(dir.resolve(ReportRenderer.HTML_FILE));

        assertThatThrownBy(() -> broken.write(ReportFixture.report(), dir))
                .hasMessageContaining("noSuchField");

        String page = Files.readString(dir.resolve(ReportRenderer.HTML_FILE));
        assertThat(page).isNotEqualTo(earlier).contains("Lab report not written",
                "the report could not be rendered", "noSuchField");
        assertThat(dir.resolve(ReportRenderer.JSON_FILE)).isNotEmptyFile();
    }

    @Test
    void thePluginPrintsAnErrorLineAndWritesTheReasonBesideTheReport() throws IOException {
        LabReportPlugin plugin = new LabReportPlugin(dir.toFile());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        plugin.write(ReportFixture.report(), () -> broken, print(out), print(err));

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ERROR socket-lab: the lab report could not "
                + "be written to " + dir).contains("noSuchField", LabReportPlugin.FAILED_FILE);
        assertThat(dir.resolve(LabReportPlugin.FAILED_FILE)).content(StandardCharsets.UTF_8)
                .contains("could not be written", "noSuchField");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        // The page failed after results.json was written: the graders grade the run, as the class report does.
        assertThat(json(dir.resolve("prairielearn-results.json")).get("gradable").asBoolean()).isTrue();
        assertThat(json(dir.resolve("gradescope-results.json")).get("output").asText())
                .doesNotContain("could not be written");

        // The next run that writes its report removes the marker.
        plugin.write(ReportFixture.report(), () -> new ReportRenderer(null), print(out), print(err));
        assertThat(dir.resolve(LabReportPlugin.FAILED_FILE)).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Lab report: ");
        assertThat(Files.readString(dir.resolve(ReportRenderer.HTML_FILE))).doesNotContain("Lab report not written");
    }

    @Test
    void aRunWithNoReportToGradeGivesTheGradersWhyInsteadOfNoFile() throws IOException {
        LabReportPlugin plugin = new LabReportPlugin(dir.toFile());
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        plugin.write(ReportFixture.report(), () -> {
            throw new IllegalArgumentException("lab.answers is \"answrs\": no such directory");
        }, () -> new ReportRenderer(null), print(new ByteArrayOutputStream()), print(err));

        assertThat(dir.resolve(ReportRenderer.JSON_FILE)).doesNotExist();
        var gradescope = json(dir.resolve("gradescope-results.json"));
        assertThat(gradescope.get("score").asDouble()).isZero();
        assertThat(gradescope.get("output").asText()).startsWith("The lab report could not be written: ")
                .contains("lab.answers is \"answrs\": no such directory");
        assertThat(json(dir.resolve("prairielearn-results.json")).get("gradable").asBoolean()).isFalse();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(java.nio.file.Path file) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
