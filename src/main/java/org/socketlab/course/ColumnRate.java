package org.socketlab.course;

/**
 * How a scenario went across the class: one bar of the pass-rate chart.
 *
 * @param column        the scenario
 * @param asExpected    students whose scenario behaved as the feature expects
 * @param notAsExpected ... did not
 * @param skipped       ... was skipped (could not run there)
 * @param undefined     ... had a step without a definition
 * @param ungradable    ... belonged to a question that could not run at all
 * @param missing       students whose report does not have the scenario
 */
public record ColumnRate(Column column, int asExpected, int notAsExpected, int skipped, int undefined,
        int ungradable, int missing) {

    /** Students whose report has the scenario. */
    public int ran() {
        return asExpected + notAsExpected + skipped + undefined + ungradable;
    }

    /** The pass rate in whole percent of the students whose report has it; 0 when none has. */
    public int passPercent() {
        return percent(asExpected);
    }

    /** A share of the students whose report has it, in percent with one decimal, for a bar's width. */
    public String width(int count) {
        int ran = ran();
        return ran == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * count / ran);
    }

    private int percent(int count) {
        int ran = ran();
        return ran == 0 ? 0 : (int) Math.round(100.0 * count / ran);
    }
}
