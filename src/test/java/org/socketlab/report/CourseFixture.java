package org.socketlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ReportFixture#report()} as a course runs it: {@code @points} tags on its scenarios and features, and a
 * student's answers directory with an answer, a {@code <script>}, a heading and a file that match nothing.
 *
 * <p>Points: question 1 worth 2 (as expected), question (a) 2 (as expected), question (b) 1 from its feature's tag
 * plus 1.5 of its skipped scenario's own, question (c) 1 (undefined: ungradable), Part 2's line server 3 (not as
 * expected), the conditional GET untagged: 10.5 points, 5 earned.
 */
final class CourseFixture {
    static final String UDP_ANSWER = "The server answers the address the datagram came from. "
            + ReportFixture.SCRIPT;

    private CourseFixture() {
    }

    /** The fixture's report with its scenarios tagged as above; nothing graded yet. */
    static LabReport tagged() {
        LabReport report = ReportFixture.report();
        List<FeatureResult> features = new ArrayList<>();
        for (FeatureResult feature : report.features()) {
            List<ScenarioResult> scenarios = feature.scenarios().stream().map(scenario -> switch (feature.file()) {
                case "1-part1-udp.feature", "3-question-a-tcp-client-first.feature" -> tags(scenario, "@points=2");
                case "4-question-b-udp-client-first.feature" -> scenario.verdict() == Verdict.SKIPPED
                        ? tags(scenario, "@points=1", "@linux", "@points=1.5") : tags(scenario, "@points=1");
                case "5-question-c-different-ports.feature" -> tags(scenario, "@points=1");
                case "6-part2-line-server.feature" -> tags(scenario, "@points=3");
                default -> scenario;
            }).toList();
            features.add(feature.with(scenarios, null));
        }
        return report.graded(features, List.of());
    }

    /** The scenario with these tags, as Cucumber lists them: the feature's first, its own last. */
    static ScenarioResult tags(ScenarioResult s, String... tags) {
        return new ScenarioResult(s.id(), s.keyword(), s.name(), s.line(), s.outlineLine(), List.of(tags), s.answer(),
                s.otherSystems(), s.status(), s.verdict(), s.reason(), s.started(), s.duration(), s.steps(),
                s.observations());
    }

    /** The student's answers: question 1 and its scenario, question (a) as a whole, and two that match nothing. */
    static Path answers(Path dir) throws IOException {
        Path answers = Files.createDirectories(dir.resolve("answers"));
        Files.writeString(answers.resolve("1-part1-udp.md"), """
                The server upper-cases **every** sentence.

                ## The UDP server upper-cases a sentence
                """ + UDP_ANSWER + """


                [a trap](javascript:alert('owned'))
                """);
        Files.writeString(answers.resolve("3-question-a-tcp-client-first.md"), """
                It gives an error: ConnectionRefusedError, because no server listens.

                ## A scenario that does not exist
                Lost words.
                """);
        Files.writeString(answers.resolve("9-extra.md"), "An answer to a question nobody asked.");
        return answers;
    }

    static CourseSettings settings(Path answers, boolean referenceAnswers) {
        return new CourseSettings(answers, "answers", referenceAnswers, null);
    }

    /** The tagged report with the answers in {@code dir} applied. */
    static LabReport graded(Path dir, boolean referenceAnswers) throws IOException {
        return new Coursework(settings(answers(dir), referenceAnswers)).apply(tagged());
    }
}
