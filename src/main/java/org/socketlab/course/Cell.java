package org.socketlab.course;

import org.socketlab.report.Format;
import org.socketlab.report.Verdict;

/**
 * One student's result for one scenario.
 *
 * @param verdict  the scenario's verdict, or null when the student's report does not have the scenario
 * @param gradable false when its feature could not run at all (no program named, nothing could start): the
 *                 cell is neither a pass nor a zero
 * @param score    the points earned
 * @param points   the scenario's maximum in this student's report
 * @param reason   for a verdict other than as expected, why (normalized as the grouped reasons show it); else null
 */
public record Cell(Verdict verdict, boolean gradable, double score, double points, String reason) {
    static final Cell MISSING = new Cell(null, true, 0, 0, null);

    /** The CSS class: {@code as-expected}, ..., {@code ungradable} or {@code missing}. */
    public String css() {
        if (verdict == null) {
            return "missing";
        }
        return gradable ? verdict.css() : "ungradable";
    }

    /** What the cell shows: the score, {@code -} when missing, {@code n/g} when ungradable. */
    public String text() {
        if (verdict == null) {
            return "-";
        }
        return gradable ? Format.number(score) : "n/g";
    }

    /** What a pointer over the cell shows: the verdict, and why when it is not as expected. */
    public String title() {
        if (verdict == null) {
            return "not in this student's report";
        }
        String what = gradable ? verdict.phrase() : "ungradable: the question could not run";
        return reason == null ? what : what + ": " + reason;
    }
}
