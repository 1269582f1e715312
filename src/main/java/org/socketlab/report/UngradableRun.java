package org.socketlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.socketlab.grader.GradedRun;
import org.socketlab.grader.Grader;
import org.socketlab.grader.GraderFiles;

/**
 * The graders' files of a run that has no report to grade (a setting refused before any scenario, a report that
 * could not be written): ungradable, with the reason. Without them a grader that reads its file finds none and shows
 * its own error, and the student never learns that their {@code lab.properties} named a missing file.
 */
public final class UngradableRun {
    private UngradableRun() {
    }

    /**
     * Writes {@code gradescope-results.json} and {@code prairielearn-results.json} into {@code dir}, replacing an
     * earlier run's, and, unless this is a dry run, the file of the grader {@code lab.grader} names, if it can be
     * told. Gradescope's says 0 points and why; PrairieLearn's says {@code "gradable": false}.
     *
     * @throws IOException when a file cannot be written
     */
    public static void write(Path dir, String reason, boolean dryRun) throws IOException {
        String why = reason.strip();
        GradedRun run = new GradedRun(0, 0, false, 0, "Ungradable: " + firstLine(why), why, List.of());
        GraderFiles.write(run, dir, dryRun ? null : grader());
    }

    /**
     * The graders' files after the report failed: from this run's report if its results.json was written (a
     * template error comes after it: the run is graded as the class report grades it), else ungradable, saying why.
     *
     * @param course the course's part, or null if it failed; {@code graded} the report it made, or null
     */
    static void afterFailure(Coursework course, LabReport graded, Path dir, String reason, boolean dryRun)
            throws IOException {
        if (course != null && graded != null && Files.exists(dir.resolve(ReportRenderer.JSON_FILE))) {
            course.writeGraderFiles(graded, dir, dryRun); // fails again only where it failed: the page was written
        } else {
            write(dir, reason, dryRun);
        }
    }

    /** The grader {@code lab.grader} names; null when it names none, or when the setting itself is the problem. */
    private static Grader grader() {
        try {
            Path file = Path.of(System.getProperty(LabProperties.FILE_PROPERTY, LabProperties.FILE_PROPERTY));
            return Grader.of(CourseSettings.GRADER, LabProperties.settings(file, System::getProperty)
                    .apply(CourseSettings.GRADER));
        } catch (RuntimeException unusable) {
            return null;
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
