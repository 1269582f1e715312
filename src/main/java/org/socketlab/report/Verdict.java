package org.socketlab.report;

/**
 * What a scenario's run says about its feature's expectation, as the report's summary shows it.
 * Derived from Cucumber's status: a scenario that passed behaved as its feature expects.
 */
public enum Verdict {
    /** Every step passed: the programs behaved as the feature says they do. */
    AS_EXPECTED("as expected"),
    /** A step failed (or was ambiguous): what the programs did differs from what the feature expects. */
    NOT_AS_EXPECTED("not as expected"),
    /** A step was skipped on purpose, e.g. tcpdump or Chromium missing; the reason says why. */
    SKIPPED("skipped"),
    /** A step has no step definition (or is pending): the feature file or the glue needs work. */
    UNDEFINED("undefined");

    private final String phrase;

    Verdict(String phrase) {
        this.phrase = phrase;
    }

    /** The words the report prints, e.g. {@code not as expected}. */
    public String phrase() {
        return phrase;
    }

    /** The CSS class for this verdict, e.g. {@code not-as-expected}. */
    public String css() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The verdict for a Cucumber status name ({@code PASSED}, {@code FAILED}, ...). Pending steps count as
     * undefined (written but not implemented), ambiguous ones as not as expected (the glue is wrong).
     */
    public static Verdict ofStatus(String status) {
        return switch (status) {
            case "PASSED" -> AS_EXPECTED;
            case "SKIPPED" -> SKIPPED;
            case "UNDEFINED", "PENDING" -> UNDEFINED;
            default -> NOT_AS_EXPECTED;
        };
    }
}
