package org.socketlab.grader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A grading service whose results file the run also writes where that service reads it. */
public enum Grader {
    /** Gradescope's autograder reads {@code /autograder/results/results.json}. */
    GRADESCOPE(Path.of("/autograder/results/results.json")),
    /** PrairieLearn's external grader reads {@code /grade/results/results.json}. */
    PRAIRIELEARN(Path.of("/grade/results/results.json"));

    private final Path resultsFile;

    Grader(Path resultsFile) {
        this.resultsFile = resultsFile;
    }

    /** Where the service reads its results. */
    public Path resultsFile() {
        return resultsFile;
    }

    /**
     * The grader a setting names, e.g. {@code gradescope}; null for an unset or blank one.
     *
     * @throws IllegalArgumentException naming the setting and its value when it names no grader
     */
    public static Grader of(String setting, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is \"" + value + "\": write " + Arrays.stream(values())
                    .map(g -> g.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or "))
                    + ", or leave it unset", e);
        }
    }
}
