package org.socketlab.report;

import java.util.Collection;

/** How many scenarios came out with each verdict. */
public record VerdictCounts(int asExpected, int notAsExpected, int skipped, int undefined) {

    static VerdictCounts of(Collection<ScenarioResult> scenarios) {
        int[] counts = new int[Verdict.values().length];
        scenarios.forEach(scenario -> counts[scenario.verdict().ordinal()]++);
        return new VerdictCounts(counts[Verdict.AS_EXPECTED.ordinal()], counts[Verdict.NOT_AS_EXPECTED.ordinal()],
                counts[Verdict.SKIPPED.ordinal()], counts[Verdict.UNDEFINED.ordinal()]);
    }

    public int total() {
        return asExpected + notAsExpected + skipped + undefined;
    }

    /** The counts in the words every report uses, e.g. {@code 3 scenarios: 2 as expected, 1 not as expected, ...}. */
    public String sentence() {
        return total() + " scenarios: " + asExpected + " as expected, " + notAsExpected + " not as expected, " + skipped
                + " skipped, " + undefined + " undefined";
    }

    /**
     * The verdict that sums these up: the worst one present, so a question with one scenario not as
     * expected reads "not as expected" however many others passed. Null when there are none.
     */
    public Verdict overall() {
        if (notAsExpected > 0) {
            return Verdict.NOT_AS_EXPECTED;
        }
        if (undefined > 0) {
            return Verdict.UNDEFINED;
        }
        if (skipped > 0) {
            return Verdict.SKIPPED;
        }
        return asExpected > 0 ? Verdict.AS_EXPECTED : null;
    }
}
