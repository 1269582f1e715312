package org.socketlab.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped answers/ are the seed student's own (../shared/seed/assignment.txt): each file answers a shipped
 * feature and each heading names one of its scenarios, so the shipped report lists no unmatched answer.
 */
class ShippedAnswersTest {
    @Test
    void everyShippedAnswerMatchesAFeatureAndEachHeadingAScenario() throws IOException {
        List<AnswerFile> answers = AnswerFiles.read(Path.of("answers"), "answers");
        assertThat(answers).hasSizeGreaterThanOrEqualTo(7);
        for (AnswerFile answer : answers) {
            Path feature = Path.of("features", answer.featureFile());
            assertThat(feature).as(answer.shown()).isRegularFile();
            List<String> scenarios = Files.readAllLines(feature).stream().map(String::strip)
                    .filter(line -> line.startsWith("Scenario:") || line.startsWith("Scenario Outline:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).toList();
            for (AnswerFile.Section section : answer.sections()) {
                assertThat(scenarios).as(answer.shown() + ", line " + section.line())
                        .anyMatch(name -> Headings.matches(section.heading(), name));
                assertThat(section.markdown()).as(answer.shown() + ", line " + section.line()).isNotBlank();
            }
        }
    }

    @Test
    void theSeedsQuestionAAnswerIsHerOwn() {
        AnswerFile questionA = AnswerFiles.read(Path.of("answers"), "answers").stream()
                .filter(a -> a.name().equals("3-question-a-tcp-client-first.md")).findFirst().orElseThrow();
        assertThat(questionA.overall()).contains("No TCP connection is established yet, because the server is not "
                + "running so that the client can not start the\nconnection setup.");
    }
}
