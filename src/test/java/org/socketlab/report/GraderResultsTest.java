package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gradescope-results.json and prairielearn-results.json, checked field by field against the graders' formats as
 * ../shared/FACTS.md gives them: Gradescope's {@code score}, {@code execution_time}, {@code output} and
 * {@code tests[]} of {name, number, score, max_score, output, tags, visibility}; PrairieLearn's {@code score} in
 * [0,1], {@code gradable}, {@code tests[]} of {name, description, points, max_points, message, output}, under 1 MB.
 */
class GraderResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Writes both files for the report and checks both; returns the one named. */
    private JsonNode write(LabReport graded, String file) throws IOException {
        Coursework.none().writeGraderFiles(graded, dir, false);
        JsonNode gradescope = GraderFormats.gradescope(dir.resolve("gradescope-results.json"));
        JsonNode prairieLearn = GraderFormats.prairieLearn(dir.resolve("prairielearn-results.json"));
        return file.startsWith("gradescope") ? gradescope : prairieLearn;
    }

    @Test
    void gradescopeResultsHaveGradescopesFieldsOneTestPerScenario() throws IOException {
        JsonNode results = write(CourseFixture.graded(dir.resolve("in"), true), "gradescope-results.json");

        assertThat(results.get("score").asDouble()).isEqualTo(5);
        assertThat(results.get("execution_time").asLong()).isEqualTo(13); // 12.345 s, rounded up
        assertThat(results.get("output").asText()).contains("Asmaa Gamal Abdel-Halem Mabrouk Nagy",
                "Score 5 of 10.5 points; 1 question (1 point) could not run here, so it is not earned: each "
                        + "question's test says why", "answers/9-extra.md",
                "7 scenarios: ");
        JsonNode tests = results.get("tests");
        assertThat(tests).hasSize(7);
        assertThat(tests).extracting(test -> test.get("visibility").asText()).containsOnly("visible");

        JsonNode failed = test(tests, "The line server prints what a client sends");
        assertThat(failed.get("number").asText()).isEqualTo("5.1");
        assertThat(failed.get("max_score").asDouble()).isEqualTo(3);
        assertThat(failed.get("output").asText()).startsWith("Not as expected: 0 of 3 points.")
                .contains("Expected: the server prints the line \"GET / HTTP/1.1\"",
                        "Observed: [127.0.0.1:50200] <script>",
                        "Failed step: Then the server prints the line \"GET / HTTP/1.1\" (6-part2-line-server.feature:14)");
        JsonNode skipped = test(tests, "The capture shows the ICMP port unreachable");
        assertThat(skipped.get("output").asText())
                .startsWith("Skipped, not failed: it could not run here; 0 of 1.5 points.")
                .contains("Why: tcpdump is not installed (apt-get install tcpdump)");
        assertThat(test(tests, "The UDP server upper-cases a sentence").get("output").asText())
                .isEqualTo("As expected: 2 of 2 points.\nStudent's answer: written (see the lab report).");
    }

    @Test
    void prairieLearnResultsHavePrairieLearnsFieldsAndAScoreBetweenZeroAndOne() throws IOException {
        JsonNode results = write(CourseFixture.graded(dir.resolve("in"), true), "prairielearn-results.json");

        assertThat(results.get("gradable").asBoolean()).isTrue();
        // 5 of all 10.5: the ungradable question's point counts as not earned, else a student who named programs
        // for one question of five would get full marks
        assertThat(results.get("score").asDouble()).isCloseTo(5 / 10.5, offset(1e-9));
        assertThat(results.get("message").asText()).startsWith("Score 5 of 10.5 points");
        JsonNode tests = results.get("tests");
        assertThat(tests).hasSize(7);
        assertThat(tests.get(0).get("name").asText()).isEqualTo("1.1 The UDP server upper-cases a sentence");
        assertThat(tests.get(0).get("description").asText()).isEqualTo("Part 1: the UDP client and server");
    }

    @Test
    void nothingRunIsUngradableForPrairieLearnNotAZero() throws IOException {
        LabReport skippedOnly = Coursework.none().apply(ReportFixture.report().graded(List.of(ReportFixture.feature(
                "4-question-b-udp-client-first.feature", "Question (b)", List.of(),
                List.of(CourseFixture.tags(ReportFixture.skipped(), "@points=2")))), List.of()));

        JsonNode prairieLearn = write(skippedOnly, "prairielearn-results.json");
        assertThat(prairieLearn.get("gradable").asBoolean()).isFalse();
        assertThat(prairieLearn.get("message").asText()).isEqualTo("Ungradable: no scenario could run here.");
        JsonNode gradescope = JSON.readTree(dir.resolve("gradescope-results.json").toFile());
        assertThat(gradescope.get("output").asText()).contains("ungradable here (nothing could run), worth 2");
    }

    @Test
    void outputsAreShortenedToKeepPrairieLearnUnderOneMegabyte() throws IOException {
        // 400 failed scenarios, each with a 20,000-character error message in Arabic (2 bytes a character)
        String flood = "أ".repeat(20_000);
        List<ScenarioResult> scenarios = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ScenarioResult failed = ReportFixture.lineServerFails();
            List<StepResult> steps = failed.steps().stream().map(step -> step.problem() ? new StepResult(
                    step.keyword(), step.text(), step.line(), null, null, step.status(), step.duration(),
                    step.errorType(), flood, null, List.of()) : step).toList();
            scenarios.add(CourseFixture.tags(new ScenarioResult("id-" + i, "Scenario", "Scenario " + i, i, null,
                    List.of(), List.of(), List.of(), "FAILED", null, null, null, null, steps, failed.observations()),
                    "@points=1"));
        }
        LabReport huge = Coursework.none().apply(ReportFixture.report().graded(List.of(ReportFixture.feature(
                "6-part2-line-server.feature", "Part 2", List.of(), scenarios)), List.of()));

        JsonNode results = write(huge, "prairielearn-results.json");

        assertThat(results.get("tests")).hasSize(400);
        assertThat(results.get("tests").get(399).get("output").asText()).startsWith("Not as expected: 0 of 1 points.")
                .endsWith("(shortened; the whole story is in the lab report)");
        assertThat(results.get("gradable").asBoolean()).isTrue();
    }

    private static JsonNode test(JsonNode tests, String name) {
        for (JsonNode test : tests) {
            if (test.get("name").asText().equals(name)) {
                return test;
            }
        }
        throw new AssertionError("no test named " + name);
    }
}
