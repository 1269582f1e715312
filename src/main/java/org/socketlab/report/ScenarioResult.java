package org.socketlab.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.socketlab.model.ScenarioObservations;

/**
 * One scenario (or one example row of a Scenario Outline) as it ran, with everything its steps observed.
 *
 * @param id            Cucumber's test case id, the key the steps used on the {@code ObservationBoard}
 * @param keyword       {@code Scenario}, {@code Example} or {@code Scenario Outline}
 * @param name          the scenario's name (for an example row, with its values filled in)
 * @param line          the scenario's line; for an example row, the row's line
 * @param outlineLine   for an example row, the line of its Scenario Outline; otherwise null
 * @param tags          the scenario's tags, e.g. {@code @linux}
 * @param answer        the scenario's description without the OS note: why it happens, one string a paragraph
 * @param otherSystems  the description's paragraphs that start with {@code Other systems:}, without those words:
 *                      what Windows or macOS do, not observed in this run
 * @param status        Cucumber's status of the test case
 * @param verdict       what the status says about the feature's expectation
 * @param reason        why it was skipped (the skip exception's message) or undefined; null otherwise
 * @param started       when it started
 * @param duration      how long it ran
 * @param steps         its steps, and any failed hook
 * @param observations  what the steps observed, as they left it on the board
 * @param points        the most the scenario is worth: its {@code @points=N} tag, else its feature's, else 0
 * @param score         what it earned: {@code points} when it ran as expected, else 0 (a skip earns nothing)
 * @param studentAnswer the student's own answer to it, as markdown from {@code answers/}, or null when none
 */
public record ScenarioResult(String id, String keyword, String name, int line, Integer outlineLine,
        List<String> tags, List<String> answer, List<String> otherSystems, String status, Verdict verdict,
        String reason, Instant started, Duration duration, List<StepResult> steps,
        ScenarioObservations observations, double points, double score, String studentAnswer) {
    public ScenarioResult {
        tags = tags == null ? List.of() : List.copyOf(tags);
        answer = answer == null ? List.of() : List.copyOf(answer);
        otherSystems = otherSystems == null ? List.of() : List.copyOf(otherSystems);
        steps = steps == null ? List.of() : List.copyOf(steps);
        observations = observations == null ? ScenarioObservations.empty() : observations;
        keyword = keyword == null ? "Scenario" : keyword;
        name = name == null ? "" : name;
        status = status == null ? "UNKNOWN" : status;
        verdict = verdict == null ? Verdict.ofStatus(status) : verdict;
    }

    /** A scenario as it ran, before points and answers are known: worth 0, no answer. */
    public ScenarioResult(String id, String keyword, String name, int line, Integer outlineLine,
            List<String> tags, List<String> answer, List<String> otherSystems, String status, Verdict verdict,
            String reason, Instant started, Duration duration, List<StepResult> steps,
            ScenarioObservations observations) {
        this(id, keyword, name, line, outlineLine, tags, answer, otherSystems, status, verdict, reason, started,
                duration, steps, observations, 0, 0, null);
    }

    /** This scenario worth {@code points}, scored by its verdict, with the student's answer (or null). */
    public ScenarioResult graded(double points, String studentAnswer) {
        double earned = verdict == Verdict.AS_EXPECTED ? points : 0;
        return new ScenarioResult(id, keyword, name, line, outlineLine, tags, answer, otherSystems, status, verdict,
                reason, started, duration, steps, observations, points, earned, studentAnswer);
    }

    /** This scenario without the instructor's reference answer (its description): for a graded hand-in. */
    public ScenarioResult withoutReferenceAnswer() {
        return new ScenarioResult(id, keyword, name, line, outlineLine, tags, List.of(), List.of(), status, verdict,
                reason, started, duration, steps, observations, points, score, studentAnswer);
    }
}
