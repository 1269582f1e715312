package org.socketlab.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.socketlab.grader.Grader;

/**
 * How a course runs the lab, from {@code lab.properties} with each key overridable by a system property
 * ({@code -Dlab.referenceAnswers=hide} wins over the file):
 * <ul>
 *   <li>{@code lab.answers}: the directory of the student's answers, default {@code answers} in the project
 *       directory; one named explicitly must exist.</li>
 *   <li>{@code lab.referenceAnswers}: {@code show} (default, self-study) or {@code hide} (a graded hand-in: the
 *       scenarios' descriptions are left out of the report and results.json).</li>
 *   <li>{@code lab.grader}: {@code gradescope} or {@code prairielearn} to also write that grader's own results
 *       file; unset by default.</li>
 * </ul>
 *
 * @param answers          the answers' directory
 * @param answersShown     how the report names it, as it was written
 * @param referenceAnswers whether the reference answers are shown
 * @param grader           the grader whose own file is written too, or null
 */
record CourseSettings(Path answers, String answersShown, boolean referenceAnswers, Grader grader) {
    static final String ANSWERS = "lab.answers";
    static final String REFERENCE_ANSWERS = "lab.referenceAnswers";
    static final String GRADER = "lab.grader";
    static final String DEFAULT_ANSWERS = "answers";

    /** No course: answers from {@code answers/} if it exists, reference answers shown, no grader's own file. */
    static CourseSettings defaults() {
        return new CourseSettings(Path.of(DEFAULT_ANSWERS), DEFAULT_ANSWERS, true, null);
    }

    /**
     * The settings of {@code -Dlab.properties} (default {@code lab.properties}) and the system properties.
     *
     * @throws IllegalArgumentException naming the setting and its value when one cannot be used
     * @throws IllegalArgumentException also when the file cannot be read (not UTF-8, a malformed escape)
     */
    static CourseSettings fromSystemProperties() {
        return of(Path.of(System.getProperty(LabProperties.FILE_PROPERTY, LabProperties.FILE_PROPERTY)),
                System::getProperty);
    }

    static CourseSettings of(Path file, UnaryOperator<String> overrides) {
        UnaryOperator<String> value = LabProperties.settings(file, overrides);
        String answers = value.apply(ANSWERS);
        if (answers != null && !Files.isDirectory(Path.of(answers))) {
            throw new IllegalArgumentException(ANSWERS + " is \"" + answers + "\": no such directory (it holds "
                    + "the answers, one FEATURE.md per feature file; leave it unset for answers/)");
        }
        return new CourseSettings(Path.of(answers == null ? DEFAULT_ANSWERS : answers),
                answers == null ? DEFAULT_ANSWERS : answers, showReferenceAnswers(value.apply(REFERENCE_ANSWERS)),
                Grader.of(GRADER, value.apply(GRADER)));
    }

    private static boolean showReferenceAnswers(String setting) {
        if (setting == null) {
            return true;
        }
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "show" -> true;
            case "hide" -> false;
            default -> throw new IllegalArgumentException(REFERENCE_ANSWERS + " is \"" + setting + "\": write show "
                    + "(the scenarios' descriptions are shown as the reference answer) or hide (a graded hand-in)");
        };
    }
}
