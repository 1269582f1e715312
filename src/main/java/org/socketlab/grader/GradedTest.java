package org.socketlab.grader;

import java.util.List;

/**
 * One scenario as a grader sees it: one test.
 *
 * @param name     the scenario's name
 * @param number   where it is in the assignment, e.g. {@code 3.1}: question 3, its first scenario
 * @param question the question (feature) it belongs to
 * @param score    what it earned
 * @param maxScore what it is worth
 * @param message  one line: the verdict and the points
 * @param output   the whole story: the expectation that failed against what was observed, or why it was skipped
 * @param tags     labels, e.g. the feature file's name
 */
public record GradedTest(String name, String number, String question, double score, double maxScore,
        String message, String output, List<String> tags) {
    public GradedTest {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
