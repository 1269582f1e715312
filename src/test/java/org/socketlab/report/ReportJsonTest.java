package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json is the whole report: read back, it is the same model and renders the same page. */
class ReportJsonTest {
    @TempDir
    Path dir;

    @Test
    void theReportRoundTripsThroughResultsJsonAndRendersTheSamePage() throws IOException {
        LabReport original = ReportFixture.report();
        ReportRenderer renderer = new ReportRenderer(null);
        String html = Files.readString(renderer.write(original, dir));

        LabReport read = ReportJson.read(dir.resolve("results.json"));

        assertThat(read).isEqualTo(original);
        assertThat(renderer.render(read)).isEqualTo(html);
    }

    @Test
    void theJsonHasStableNamesAndIsoTimes() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ReportJson.write(ReportFixture.report()));
        assertThat(json.fieldNames()).toIterable().containsExactly("schemaVersion", "run", "cover", "machine",
                "setup", "summary", "features", "unmatchedAnswers");
        assertThat(json.at("/setup/isolation").asText())
                .isEqualTo("each scenario on its own lab host (network namespace)");
        assertThat(json.at("/setup/isolationNote").isMissingNode()).as("no note when isolated").isTrue();
        assertThat(json.at("/setup/programs/0/role").asText()).isEqualTo("udp-server");
        assertThat(json.at("/setup/programs/0/command").asText()).isEqualTo("python3 submission/udp_server.py {port}");
        assertThat(json.at("/setup/programs/0/files/0/path").asText()).isEqualTo("submission/udp_server.py");
        assertThat(json.at("/setup/programs/0/files/0/sha256").asText()).isEqualTo(ReportFixture.SERVER_SHA256);
        assertThat(json.at("/setup/programs/2/command").asText()).isEqualTo("socket-lab tcp-server");
        assertThat(json.at("/setup/programs/2/files").isEmpty()).isTrue();
        assertThat(json.at("/run/started").asText()).isEqualTo("2026-11-24T07:56:44.120Z");
        assertThat(json.at("/run/duration").asText()).isEqualTo("PT12.345S");
        JsonNode scenario = json.at("/features/1/scenarios/0");
        assertThat(scenario.at("/verdict").asText()).isEqualTo("AS_EXPECTED");
        assertThat(scenario.at("/observations/consoles/client/0/text").asText())
                .isEqualTo("error: connection refused: nothing listens on 127.0.0.1:12000");
        assertThat(scenario.at("/observations/runs/0/exceptionClass").asText()).isEqualTo("java.net.ConnectException");
        assertThat(json.at("/summary/questions/0/counts/asExpected").asInt()).isEqualTo(1);
    }

    @Test
    void aSetupWithoutIsolationRoundTripsWithItsNote() throws IOException {
        LabReport original = ReportFixture.report();
        LabReport report = new LabReport(original.schemaVersion(), original.run(), original.cover(),
                original.machine(), ReportFixture.notIsolated(), original.summary(), original.features());
        Path written = new ReportRenderer(null).write(report, dir);

        LabReport read = ReportJson.read(dir.resolve("results.json"));

        assertThat(read.setup()).isEqualTo(ReportFixture.notIsolated());
        assertThat(read).isEqualTo(report);
        assertThat(new ReportRenderer(null).render(read)).isEqualTo(Files.readString(written))
                .contains("isolation-off", ReportFixture.CLIENT_SHA256);
    }

    @Test
    void aResultsJsonWrittenBeforeTheSetupWasRecordedStillRenders() throws IOException {
        LabReport original = ReportFixture.report();
        LabReport older = new LabReport(original.schemaVersion(), original.run(), original.cover(),
                original.machine(), null, original.summary(), original.features());
        String json = ReportJson.write(older);
        assertThat(json).doesNotContain("\"setup\"");
        Path file = dir.resolve("results.json");
        Files.writeString(file, json);

        LabReport read = ReportJson.read(file);

        assertThat(read.setup()).isNull();
        assertThat(new ReportRenderer(null).render(read)).contains("Asmaa Gamal Abdel-Halem Mabrouk Nagy")
                .doesNotContain("class=\"programs\"");
    }

    @Test
    void aResultsJsonWithOnlyItsScenariosStillRenders() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"features\": [{\"uri\": \"file:/x/1-a.feature\", "
                + "\"file\": \"1-a.feature\", \"name\": \"A question\", \"scenarios\": [{\"name\": \"An answer\", "
                + "\"line\": 3, \"status\": \"PASSED\", \"verdict\": \"AS_EXPECTED\"}]}]}");

        String html = Files.readString(new ReportRenderer(null).write(ReportJson.read(file), dir.resolve("out")));

        assertThat(html).contains("A question", "An answer", "</html>");
    }

    @Test
    void aNewerSchemaIsRefusedWithItsVersion() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"schemaVersion\": 99, \"features\": []}");
        assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("schemaVersion 99");
        Files.writeString(file, "{\"hello\": 1}");
        assertThatThrownBy(() -> ReportJson.read(file)).hasMessageContaining("not a lab report");
    }
}
