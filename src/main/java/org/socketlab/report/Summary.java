package org.socketlab.report;

import java.util.List;

/**
 * The report at a glance.
 *
 * @param totals    every scenario's verdict, counted
 * @param verdict   the worst verdict of the run
 * @param questions one row per feature, in the assignment's order
 * @param points    the most the whole assignment is worth: every question's points added up
 * @param score     what it earned: every question's score added up
 */
public record Summary(VerdictCounts totals, Verdict verdict, List<QuestionSummary> questions, double points,
        double score) {
    public Summary {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    static Summary of(List<FeatureResult> features) {
        List<QuestionSummary> rows = features.stream().map(QuestionSummary::of).toList();
        VerdictCounts totals = VerdictCounts.of(features.stream().flatMap(f -> f.scenarios().stream()).toList());
        return new Summary(totals, totals.overall(), rows,
                features.stream().mapToDouble(FeatureResult::points).sum(),
                features.stream().mapToDouble(FeatureResult::score).sum());
    }
}
