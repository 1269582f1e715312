package org.socketlab.grader;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * PrairieLearn's external grading result ({@code /grade/results/results.json}): a score between 0 and 1, whether
 * the submission could be graded at all, and one test per scenario. PrairieLearn refuses a file of 1 MB or more,
 * so {@link #of} shortens the tests' outputs until it fits.
 *
 * @param gradable false when nothing could run: PrairieLearn then does not count the submission
 * @param score    the fraction of the points earned, from 0 to 1 (0 when nothing is worth points)
 * @param message  one line for the student
 * @param output   the summary
 * @param tests    one per scenario
 */
public record PrairieLearnResults(boolean gradable, double score, String message, String output, List<Test> tests) {

    /** PrairieLearn's limit is 1 MB; this stays under it in bytes, whichever way a megabyte is counted. */
    static final int MAX_BYTES = 1_000_000;

    /**
     * @param name        e.g. {@code 3.1 The TCP client is refused at once}
     * @param description the question it belongs to
     * @param points      what it earned
     * @param maxPoints   what it is worth
     * @param message     the verdict and the points
     * @param output      the expectation that failed against what was observed, or why it was skipped
     */
    public record Test(String name, String description, double points, @JsonProperty("max_points") double maxPoints,
            String message, String output) {
    }

    /** The result for a run, its outputs shortened as much as it takes to stay under {@link #MAX_BYTES}. */
    static PrairieLearnResults of(GradedRun run) {
        double fraction = run.maxScore() > 0 ? Math.max(0, Math.min(1, run.score() / run.maxScore())) : 0;
        for (int limit = Texts.TEST_OUTPUT_LIMIT; ; limit /= 2) {
            int cut = limit;
            PrairieLearnResults results = new PrairieLearnResults(run.gradable(), fraction, run.message(),
                    Texts.cut(run.output(), Math.max(cut, 1_000)), run.tests().stream()
                    .map(test -> new Test(test.number() + " " + test.name(), test.question(), test.score(),
                            test.maxScore(), Texts.cut(test.message(), Math.max(cut, 200)),
                            Texts.cut(test.output(), cut)))
                    .toList());
            if (limit == 0 || GraderFiles.json(results).length < MAX_BYTES) {
                return results;
            }
        }
    }
}
