package org.socketlab.report;

import java.util.List;

/**
 * One feature file: one question of the assignment.
 *
 * @param uri       where Cucumber read it
 * @param file      its file name, e.g. {@code 1-part1-udp.feature}; the report sorts questions by it
 * @param keyword   {@code Feature} (or its translation)
 * @param name      the feature's name
 * @param question  the feature's description: the assignment's question text, one string a paragraph
 * @param scenarios its scenarios that ran, in the order of their lines
 */
public record FeatureResult(String uri, String file, String keyword, String name, List<String> question,
        List<ScenarioResult> scenarios) {
    public FeatureResult {
        question = question == null ? List.of() : List.copyOf(question);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        keyword = keyword == null ? "Feature" : keyword;
        name = name == null ? "" : name;
        file = file == null ? String.valueOf(uri) : file;
    }
}
