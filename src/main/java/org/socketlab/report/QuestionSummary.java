package org.socketlab.report;

/**
 * One row of the summary table.
 *
 * @param file    the feature file, e.g. {@code 3-question-a-tcp-client-first.feature}
 * @param name    the feature's name
 * @param counts  the scenarios' verdicts
 * @param verdict the worst of them (see {@link VerdictCounts#overall()})
 */
public record QuestionSummary(String file, String name, VerdictCounts counts, Verdict verdict) {
}
