package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's fields in results.json, by the names the class report reads: points and score per scenario,
 * question and in total, gradable, the student's answers, and the answers that matched nothing.
 */
class GradedJsonTest {
    @TempDir
    Path dir;

    /** Question (a) worth 2 and passed; question (b) worth 1 + 1.5, one passed and one skipped. */
    static LabReport graded() {
        LabReport report = ReportFixture.report();
        List<FeatureResult> features = report.features().stream().map(feature -> {
            List<ScenarioResult> scenarios = feature.scenarios().stream().map(scenario -> switch (feature.file()) {
                case "3-question-a-tcp-client-first.feature" -> scenario.graded(2, "It is *refused*.");
                case "4-question-b-udp-client-first.feature" -> scenario.graded(
                        scenario.verdict() == Verdict.SKIPPED ? 1.5 : 1, null);
                default -> scenario;
            }).toList();
            return feature.with(scenarios, feature.file().startsWith("3-") ? "The server must run first." : null);
        }).toList();
        return report.graded(features, List.of("answers/9-extra.md"));
    }

    @Test
    void pointsScoresAnswersAndUnmatchedAnswersHaveTheirContractNames() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ReportJson.write(graded()));

        JsonNode questionA = json.at("/features/1");
        assertThat(questionA.at("/file").asText()).isEqualTo("3-question-a-tcp-client-first.feature");
        assertThat(questionA.at("/points").asDouble()).isEqualTo(2);
        assertThat(questionA.at("/score").asDouble()).isEqualTo(2);
        assertThat(questionA.at("/gradable").isBoolean()).isTrue();
        assertThat(questionA.at("/gradable").asBoolean()).isTrue();
        assertThat(questionA.at("/studentAnswer").asText()).isEqualTo("The server must run first.");
        assertThat(questionA.at("/scenarios/0/points").asDouble()).isEqualTo(2);
        assertThat(questionA.at("/scenarios/0/score").asDouble()).isEqualTo(2);
        assertThat(questionA.at("/scenarios/0/studentAnswer").asText()).isEqualTo("It is *refused*.");

        JsonNode questionB = json.at("/features/2");
        assertThat(questionB.at("/points").asDouble()).isEqualTo(2.5);
        assertThat(questionB.at("/score").asDouble()).as("the skipped scenario earns nothing").isEqualTo(1);
        assertThat(questionB.at("/scenarios/1/verdict").asText()).isEqualTo("SKIPPED");
        assertThat(questionB.at("/scenarios/1/score").asDouble()).isZero();
        assertThat(questionB.at("/scenarios/1/studentAnswer").isMissingNode()).as("null is left out").isTrue();

        JsonNode questionC = json.at("/features/3");
        assertThat(questionC.at("/file").asText()).isEqualTo("5-question-c-different-ports.feature");
        assertThat(questionC.at("/gradable").asBoolean()).as("its only scenario is undefined").isFalse();
        assertThat(questionC.at("/points").asDouble()).isZero();

        assertThat(json.at("/summary/points").asDouble()).isEqualTo(4.5);
        assertThat(json.at("/summary/score").asDouble()).isEqualTo(3);
        JsonNode summaryB = json.at("/summary/questions/2");
        assertThat(summaryB.at("/file").asText()).isEqualTo("4-question-b-udp-client-first.feature");
        assertThat(summaryB.at("/points").asDouble()).as("per question in the summary").isEqualTo(2.5);
        assertThat(summaryB.at("/score").asDouble()).isEqualTo(1);
        assertThat(summaryB.at("/gradable").asBoolean()).isTrue();
        assertThat(json.at("/summary/questions/3/gradable").asBoolean(true)).isFalse();
        assertThat(json.at("/unmatchedAnswers/0").asText()).isEqualTo("answers/9-extra.md");
        assertThat(json.at("/schemaVersion").asInt()).isEqualTo(1);
    }

    @Test
    void aGradedReportRoundTrips() throws IOException {
        LabReport original = graded();
        Path file = dir.resolve("results.json");
        ReportJson.write(original, file);

        assertThat(ReportJson.read(file)).isEqualTo(original);
    }

    @Test
    void aResultsJsonWrittenBeforeGradingReadsAsWorthNothingAndGradableWhereSomethingRan() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"features\": [{\"uri\": \"file:/x/1-a.feature\", "
                + "\"file\": \"1-a.feature\", \"scenarios\": [{\"name\": \"ran\", \"line\": 3, "
                + "\"status\": \"FAILED\"}]}, {\"uri\": \"file:/x/2-b.feature\", \"file\": \"2-b.feature\", "
                + "\"scenarios\": [{\"name\": \"could not run\", \"line\": 3, \"status\": \"SKIPPED\"}]}]}");

        LabReport read = ReportJson.read(file);

        assertThat(read.features()).extracting(FeatureResult::gradable).containsExactly(true, false);
        assertThat(read.features().get(0).scenarios().get(0).points()).isZero();
        assertThat(read.unmatchedAnswers()).isEmpty();
        assertThat(read.summary().points()).isZero();
    }

    @Test
    void aSummaryWrittenBeforeItHadPointsPerQuestionStillReads() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"features\": [], \"summary\": {\"questions\": "
                + "[{\"file\": \"1-a.feature\", \"name\": \"A\", \"verdict\": \"AS_EXPECTED\"}]}}");

        QuestionSummary row = ReportJson.read(file).summary().questions().get(0);

        assertThat(row.file()).isEqualTo("1-a.feature");
        assertThat(row.points()).isZero();
        assertThat(row.gradable()).as("not known").isNull();
    }
}
