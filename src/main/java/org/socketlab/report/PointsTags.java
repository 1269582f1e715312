package org.socketlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code @points=N}: what a scenario is worth. N is a whole number or a half ({@code @points=2},
 * {@code @points=1.5}). A tag on a feature (or a rule, or an Examples table) gives its points to each scenario under
 * it that has no tag of its own: the tag nearest the scenario wins. An untagged scenario is worth 0 points.
 */
final class PointsTags {
    static final String TAG = "@points";
    private static final Pattern VALID = Pattern.compile("@points=(\\d{1,6})(\\.5|\\.0)?");

    private PointsTags() {
    }

    /**
     * The points of a scenario from its tags as Cucumber lists them (the feature's first, its own last): the last
     * {@code @points} tag, or 0.
     *
     * @param where names the scenario in an error, e.g. {@code 3-question-a.feature, scenario at line 12}
     * @throws IllegalArgumentException when a {@code @points} tag is malformed
     */
    static double of(List<String> tags, String where) {
        double points = 0;
        for (String tag : tags) {
            if (tag.startsWith(TAG)) {
                points = parse(tag, where);
            }
        }
        return points;
    }

    static double parse(String tag, String where) {
        var valid = VALID.matcher(tag);
        if (!valid.matches()) {
            throw new IllegalArgumentException(where + ": the tag " + tag + " is not a number of points: write a "
                    + "whole number or a half, e.g. @points=2 or @points=1.5");
        }
        return Double.parseDouble(valid.group(1) + (valid.group(2) == null ? "" : valid.group(2)));
    }

    /**
     * Every {@code @points} tag in the feature files under a directory, checked before anything runs.
     *
     * @throws IllegalArgumentException naming each malformed tag's file and line
     * @throws UncheckedIOException     when a feature file cannot be read
     */
    static void check(Path features) {
        if (!Files.isDirectory(features)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(features)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".feature")).sorted().toList()) {
                problems.addAll(problems(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feature files in " + features, e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /** Tags are the words of a line that starts with {@code @}; a doc string's lines are text, not tags. */
    static List<String> problems(Path file, List<String> lines) {
        List<String> problems = new ArrayList<>();
        boolean inDocString = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("\"\"\"") || line.startsWith("```")) {
                inDocString = !inDocString;
            }
            if (inDocString || !line.startsWith("@")) {
                continue;
            }
            for (String word : line.split("\\s+")) {
                if (word.startsWith("#")) {
                    break; // a comment after the tags
                }
                if (word.startsWith(TAG)) {
                    try {
                        parse(word, file + ":" + (i + 1));
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
        }
        return problems;
    }
}
