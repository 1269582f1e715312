package org.socketlab.course;

import java.time.Instant;
import java.util.List;
import org.socketlab.report.Format;

/**
 * What the class report shows, and what {@code grades.csv} holds: the students × scenarios matrix with scores and
 * each question's subtotal, the pass rate per question and per scenario, the most common reasons scenarios did not pass, and the input that could not be used.
 *
 * @param course       the course, from the students' covers (the most common value), or empty
 * @param assignment   the assignment, likewise
 * @param generated    when the class report was made
 * @param columns      every scenario any student's report has, by question (feature file name), then line
 * @param students     one row per student id, sorted by id
 * @param rates        one per column, in order
 * @param questions    one per question (feature file), in order: its columns, its points, its pass rate
 * @param failures     the most common reasons, most students first, at most {@link ClassReports#FAILURE_GROUPS}
 * @param moreFailures how many less common reasons are left out of {@code failures}
 * @param problems     input left out or read with a caveat
 */
public record ClassReport(String course, String assignment, Instant generated, List<Column> columns,
        List<StudentRow> students, List<ColumnRate> rates, List<QuestionTotal> questions, List<FailureGroup> failures,
        int moreFailures, List<InputProblem> problems) {
    public ClassReport {
        columns = List.copyOf(columns);
        questions = List.copyOf(questions);
        students = List.copyOf(students);
        rates = List.copyOf(rates);
        failures = List.copyOf(failures);
        problems = List.copyOf(problems);
    }

    /** The most any student can earn: the sum of every column's points. */
    public double points() {
        return columns.stream().mapToDouble(Column::points).sum();
    }

    public String pointsText() {
        return Format.number(points());
    }

    /** e.g. {@code 2026-12-01 02:50 UTC}. */
    public String generatedText() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT)
                .format(generated.atZone(java.time.ZoneOffset.UTC));
    }
}
