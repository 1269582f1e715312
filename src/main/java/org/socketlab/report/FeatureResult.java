package org.socketlab.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One feature file: one question of the assignment.
 *
 * @param uri           where Cucumber read it
 * @param file          its file name, e.g. {@code 1-part1-udp.feature}; the report sorts questions by it
 * @param keyword       {@code Feature} (or its translation)
 * @param name          the feature's name
 * @param question      the feature's description: the assignment's question text, one string a paragraph
 * @param scenarios     its scenarios that ran, in the order of their lines
 * @param points        the most the question is worth: its scenarios' points added up
 * @param score         what it earned: its scenarios' scores added up
 * @param gradable      false when no scenario of it could run (each skipped or undefined, or none): the question
 *                      is then ungradable here, which is not the same as a score of 0; null (an older
 *                      results.json) is worked out from the scenarios
 * @param studentAnswer the student's answer to the question as a whole (markdown before the first heading of
 *                      its {@code answers/} file), or null when none
 */
public record FeatureResult(String uri, String file, String keyword, String name, List<String> question,
        List<ScenarioResult> scenarios, double points, double score, Boolean gradable, String studentAnswer) {
    public FeatureResult {
        question = question == null ? List.of() : List.copyOf(question);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        keyword = keyword == null ? "Feature" : keyword;
        name = name == null ? "" : name;
        file = file == null ? String.valueOf(uri) : file;
        gradable = gradable == null ? anyRan(scenarios) : gradable;
    }

    /** A feature whose points, score and gradability are worked out from its scenarios; no answer. */
    public FeatureResult(String uri, String file, String keyword, String name, List<String> question,
            List<ScenarioResult> scenarios) {
        this(uri, file, keyword, name, question, scenarios, null);
    }

    /** A feature whose points, score and gradability are worked out from its scenarios. */
    public FeatureResult(String uri, String file, String keyword, String name, List<String> question,
            List<ScenarioResult> scenarios, String studentAnswer) {
        this(uri, file, keyword, name, question, scenarios, sum(scenarios, ScenarioResult::points),
                sum(scenarios, ScenarioResult::score), null, studentAnswer);
    }

    /** This feature with other scenarios and answer; its points, score and gradability follow them. */
    public FeatureResult with(List<ScenarioResult> scenarios, String studentAnswer) {
        return new FeatureResult(uri, file, keyword, name, question, scenarios, studentAnswer);
    }

    /** Whether a scenario ran to a verdict about the programs: as expected or not. */
    private static boolean anyRan(List<ScenarioResult> scenarios) {
        return scenarios.stream().anyMatch(s -> s.verdict() == Verdict.AS_EXPECTED
                || s.verdict() == Verdict.NOT_AS_EXPECTED);
    }

    private static double sum(List<ScenarioResult> scenarios, ToDoubleFunction<ScenarioResult> value) {
        return scenarios == null ? 0 : scenarios.stream().mapToDouble(value).sum();
    }
}
