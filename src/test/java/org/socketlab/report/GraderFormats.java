package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The graders' formats as ../shared/FACTS.md gives them, checked field by field: Gradescope's {@code score},
 * {@code execution_time}, {@code output} and {@code tests[]} of {name, number, score, max_score, output, tags,
 * visibility}; PrairieLearn's {@code gradable}, {@code score} in [0,1] and {@code tests[]} of {name, description,
 * points, max_points, message, output}, under 1 MB. Used on the fixtures' files and on those a real run wrote.
 */
public final class GraderFormats {
    private static final Set<String> VISIBILITIES = Set.of("visible", "hidden", "after_due_date", "after_published");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GraderFormats() {
    }

    /** Checks both files in a report directory, each with one test per scenario of its results.json. */
    public static void assertValid(Path reportDir) throws IOException {
        int scenarios = ReportJson.read(reportDir.resolve("results.json")).summary().totals().total();
        assertThat(gradescope(reportDir.resolve("gradescope-results.json")).get("tests")).hasSize(scenarios);
        assertThat(prairieLearn(reportDir.resolve("prairielearn-results.json")).get("tests")).hasSize(scenarios);
    }

    /** Reads a Gradescope results file and checks its fields; the tests' scores add up to its score. */
    public static JsonNode gradescope(Path file) throws IOException {
        JsonNode results = JSON.readTree(file.toFile());
        assertThat(fields(results)).as(file + " fields").containsExactlyInAnyOrder("score", "execution_time", "output",
                "tests");
        assertThat(results.get("score").isNumber()).isTrue();
        assertThat(results.get("execution_time").isIntegralNumber()).isTrue();
        assertThat(results.get("execution_time").asLong()).isNotNegative();
        assertThat(results.get("output").isTextual()).isTrue();
        assertThat(results.get("tests").isArray()).isTrue();
        double sum = 0;
        for (JsonNode test : results.get("tests")) {
            assertThat(fields(test)).containsExactlyInAnyOrder("name", "number", "score", "max_score", "output", "tags",
                    "visibility");
            assertThat(test.get("name").asText()).isNotBlank();
            assertThat(test.get("number").isTextual()).isTrue();
            assertThat(test.get("score").isNumber() && test.get("max_score").isNumber()).isTrue();
            assertThat(test.get("score").asDouble()).isBetween(0.0, test.get("max_score").asDouble());
            assertThat(test.get("output").isTextual()).isTrue();
            assertThat(test.get("tags").isArray()).isTrue();
            test.get("tags").forEach(tag -> assertThat(tag.isTextual()).isTrue());
            assertThat(VISIBILITIES).contains(test.get("visibility").asText());
            sum += test.get("score").asDouble();
        }
        assertThat(sum).as("the tests' scores add up to the score").isEqualTo(results.get("score").asDouble());
        return results;
    }

    /** Reads a PrairieLearn results file and checks its fields and its size. */
    public static JsonNode prairieLearn(Path file) throws IOException {
        assertThat(Files.size(file)).as(file + " size").isLessThan(1_000_000);
        JsonNode results = JSON.readTree(file.toFile());
        assertThat(results.get("gradable").isBoolean()).isTrue();
        assertThat(results.get("score").isNumber()).isTrue();
        assertThat(results.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(results.get("message").isTextual() && results.get("output").isTextual()).isTrue();
        assertThat(results.get("tests").isArray()).isTrue();
        for (JsonNode test : results.get("tests")) {
            assertThat(fields(test)).containsExactlyInAnyOrder("name", "description", "points", "max_points",
                    "message", "output");
            assertThat(test.get("name").asText()).isNotBlank();
            assertThat(test.get("points").isNumber() && test.get("max_points").isNumber()).isTrue();
            assertThat(test.get("points").asDouble()).isBetween(0.0, test.get("max_points").asDouble());
            assertThat(test.get("description").isTextual() && test.get("message").isTextual()
                    && test.get("output").isTextual()).isTrue();
        }
        return results;
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
