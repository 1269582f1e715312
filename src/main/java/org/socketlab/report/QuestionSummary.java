package org.socketlab.report;

/**
 * One row of the summary table.
 *
 * @param file    the feature file, e.g. {@code 3-question-a-tcp-client-first.feature}
 * @param name    the feature's name
 * @param counts  the scenarios' verdicts
 * @param verdict  the worst of them (see {@link VerdictCounts#overall()})
 * @param points   what the question is worth: its scenarios' points added up (0 in a results.json written before
 *                 the summary had it)
 * @param score    what it earned
 * @param gradable false when none of its scenarios could run (ungradable, not 0); null in a results.json written
 *                 before the summary had it
 */
public record QuestionSummary(String file, String name, VerdictCounts counts, Verdict verdict, double points,
        double score, Boolean gradable) {

    /** The row of one question. */
    static QuestionSummary of(FeatureResult feature) {
        VerdictCounts counts = VerdictCounts.of(feature.scenarios());
        return new QuestionSummary(feature.file(), feature.name(), counts, counts.overall(), feature.points(),
                feature.score(), feature.gradable());
    }
}
