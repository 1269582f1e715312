package org.socketlab.grader;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Gradescope's autograder output ({@code /autograder/results/results.json}): the total score, how long the run
 * took in seconds, a text for the student, and one test per scenario.
 *
 * @param score         the total earned
 * @param executionTime seconds the run took
 * @param output        the text shown above the tests
 * @param tests         one per scenario
 */
public record GradescopeResults(double score, @JsonProperty("execution_time") long executionTime, String output,
        List<Test> tests) {

    /** Every test is shown to the student at once: the report they read has the same content. */
    static final String VISIBILITY = "visible";

    /**
     * @param name       the scenario's name
     * @param number     e.g. {@code 3.1}
     * @param score      what it earned
     * @param maxScore   what it is worth
     * @param output     the expectation that failed against what was observed, or why it was skipped
     * @param tags       labels
     * @param visibility {@code visible}, {@code hidden}, {@code after_due_date} or {@code after_published}
     */
    public record Test(String name, String number, double score, @JsonProperty("max_score") double maxScore,
            String output, List<String> tags, String visibility) {
    }

    static GradescopeResults of(GradedRun run) {
        return new GradescopeResults(run.score(), run.executionSeconds(), run.output(), run.tests().stream()
                .map(test -> new Test(test.name(), test.number(), test.score(), test.maxScore(),
                        Texts.cut(test.output(), Texts.TEST_OUTPUT_LIMIT), test.tags(), VISIBILITY))
                .toList());
    }
}
