package org.socketlab.course;

import java.util.List;
import org.socketlab.report.Format;

/**
 * One student: a row of the matrix and of {@code grades.csv}.
 *
 * @param anchor          the row's id in the page, e.g. {@code s12}
 * @param id              the student id: the cover's, or the report's directory name when the cover has none
 * @param idFromDirectory whether {@code id} is the directory's name
 * @param name            the student's name from the cover, or empty
 * @param source          the results.json read
 * @param ownReport       a link to the student's own index.html beside it, relative to the class report; or null
 * @param cells           one per {@link ClassReport#columns()} column, in order
 * @param questions       one per {@link ClassReport#questions()} question, in order: its subtotal, the verdict the
 *                        worst of its scenarios' (as expected only when every one is), missing when none is there
 * @param score           the points earned, over every gradable scenario
 * @param points          the points the student's report could earn, over every gradable scenario
 * @param noReport        why the student's run wrote no report (their {@code REPORT-FAILED.txt}), or null when it
 *                        did; such a row has no cells' verdicts and no points
 */
public record StudentRow(String anchor, String id, boolean idFromDirectory, String name, String source,
        String ownReport, List<Cell> cells, List<Cell> questions, double score, double points, String noReport) {
    public StudentRow {
        cells = List.copyOf(cells);
        questions = List.copyOf(questions);
    }

    public String scoreText() {
        return Format.number(score);
    }

    public String pointsText() {
        return Format.number(points);
    }
}
