package org.socketlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With lab.grader set, the run is that grader's autograder: its own results file gets its own format. */
class GraderFilesTest {
    @TempDir
    Path dir;

    private static final GradedRun RUN = new GradedRun(1.5, 3, true, 12, "Score 1.5 of 3 points.", "Summary", List.of(
            new GradedTest("refused", "1.1", "Question (a)", 1.5, 1.5, "As expected: 1.5 of 1.5 points.",
                    "As expected", List.of("3-a.feature")),
            new GradedTest("lost", "1.2", "Question (a)", 0, 1.5, "Not as expected: 0 of 1.5 points.",
                    "Expected: x\nObserved: y", List.of("3-a.feature"))));

    @Test
    void eachGradersOwnFileGetsItsOwnFormatInDirectoriesMadeForIt() throws IOException {
        byte[] gradescope = GraderFiles.json(GradescopeResults.of(RUN));
        byte[] prairieLearn = GraderFiles.json(PrairieLearnResults.of(RUN));
        Path autograder = dir.resolve("autograder/results/results.json");
        Path grade = dir.resolve("grade/results/results.json");

        GraderFiles.writeFor(Grader.GRADESCOPE, autograder, gradescope, prairieLearn);
        GraderFiles.writeFor(Grader.PRAIRIELEARN, grade, gradescope, prairieLearn);

        JsonNode gs = new ObjectMapper().readTree(autograder.toFile());
        assertThat(gs.get("execution_time").asLong()).isEqualTo(12);
        assertThat(gs.at("/tests/1/max_score").asDouble()).isEqualTo(1.5);
        JsonNode pl = new ObjectMapper().readTree(grade.toFile());
        assertThat(pl.get("score").asDouble()).isEqualTo(0.5);
        assertThat(pl.at("/tests/1/max_points").asDouble()).isEqualTo(1.5);
        assertThat(Grader.GRADESCOPE.resultsFile()).isEqualTo(Path.of("/autograder/results/results.json"));
        assertThat(Grader.PRAIRIELEARN.resultsFile()).isEqualTo(Path.of("/grade/results/results.json"));
    }

    @Test
    void aGradersFileThatCannotBeWrittenSaysWhereAndWhy() throws IOException {
        Path blocked = Files.writeString(dir.resolve("grade"), "a file where a directory should be");

        assertThatThrownBy(() -> GraderFiles.writeFor(Grader.PRAIRIELEARN, blocked.resolve("results/results.json"),
                new byte[0], new byte[0])).isInstanceOf(IOException.class)
                .hasMessageStartingWith("lab.grader=prairielearn but " + blocked.resolve("results/results.json")
                        + " cannot be written");
    }

    @Test
    void bothFormatsAreWrittenBesideResultsJson() throws IOException {
        GraderFiles.write(RUN, dir, null);

        assertThat(dir.resolve(GraderFiles.GRADESCOPE_FILE)).isNotEmptyFile();
        assertThat(dir.resolve(GraderFiles.PRAIRIELEARN_FILE)).isNotEmptyFile();
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void nothingWorthPointsScoresZeroAndShortTextsStayWhole() {
        GradedRun unpointed = new GradedRun(0, 0, true, 1, "m", "o", List.of());
        assertThat(PrairieLearnResults.of(unpointed).score()).isZero();
        assertThat(Texts.cut("short", 100)).isEqualTo("short");
        assertThat(Texts.cut("x".repeat(200), 100)).hasSize(100).endsWith("the whole story is in the lab report)");
        assertThat(Texts.cut(null, 10)).isNull();
    }
}
