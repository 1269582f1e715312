package org.socketlab.grader;

import java.util.List;

/**
 * A whole run as a grader sees it.
 *
 * @param score            what the scenarios earned, added up
 * @param maxScore         what they are worth, the questions that could not run included
 * @param gradable         false when nothing could run: no scenario came to a verdict about the programs
 * @param executionSeconds how long the run took, rounded up
 * @param message          one line: the score, and what could not be graded
 * @param output           the summary a student reads first
 * @param tests            one per scenario, in the assignment's order
 */
public record GradedRun(double score, double maxScore, boolean gradable, long executionSeconds, String message,
        String output, List<GradedTest> tests) {
    public GradedRun {
        tests = tests == null ? List.of() : List.copyOf(tests);
    }
}
