package org.socketlab.report;

import java.util.Comparator;
import java.util.List;
import org.socketlab.model.LabSetup;

/**
 * The lab report's model: everything {@code index.html} shows, and exactly what {@code results.json} holds, so
 * the HTML can be rendered again from the JSON alone ({@code socket-lab report results.json}).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written; a reader refuses a newer one
 * @param run           when the scenarios ran
 * @param cover         course, assignment, student
 * @param machine       where they ran
 * @param setup         how they ran: isolation, and the program that played each role (the student's own or
 *                      socket-lab's); null in a report written before it was recorded
 * @param summary       verdicts per question
 * @param features      the questions, in the assignment's order (sorted by file name), with their scenarios
 * @param unmatchedAnswers the student's answer files and headings that match no feature or scenario that ran,
 *                      e.g. {@code answers/9-extra.md} or {@code answers/1-part1-udp.md, line 7: ## Some heading}
 */
public record LabReport(int schemaVersion, RunInfo run, Cover cover, Machine machine, LabSetup setup,
        Summary summary, List<FeatureResult> features, List<String> unmatchedAnswers) {

    /** Bumped when a field changes meaning or goes away; adding a field keeps it. */
    public static final int SCHEMA_VERSION = 1;

    /** A results.json written by hand may leave parts out: they render as unknown, not as a template error. */
    public LabReport {
        features = features == null ? List.of() : List.copyOf(features);
        unmatchedAnswers = unmatchedAnswers == null ? List.of() : List.copyOf(unmatchedAnswers);
        run = run == null ? new RunInfo(null, null, null, null) : run;
        cover = cover == null ? new Cover(null, null, null, null, null, null) : cover;
        machine = machine == null ? new Machine(null, null, null, null, null, null, null, 0) : machine;
        summary = summary == null ? Summary.of(features) : summary;
    }

    /** A report without answers that match nothing. */
    public LabReport(int schemaVersion, RunInfo run, Cover cover, Machine machine, LabSetup setup,
            Summary summary, List<FeatureResult> features) {
        this(schemaVersion, run, cover, machine, setup, summary, features, List.of());
    }

    /**
     * This report with the student's answers and the points applied: these features (in the same order), the
     * summary computed again, and the answers that matched nothing.
     */
    public LabReport graded(List<FeatureResult> gradedFeatures, List<String> unmatched) {
        return new LabReport(schemaVersion, run, cover, machine, setup, Summary.of(gradedFeatures), gradedFeatures,
                unmatched);
    }

    /** A report of these features, sorted into the assignment's order, with its summary computed; no setup. */
    public static LabReport of(RunInfo run, Cover cover, Machine machine, List<FeatureResult> features) {
        return of(run, cover, machine, null, features);
    }

    /** A report of these features, sorted into the assignment's order, with its summary computed. */
    public static LabReport of(RunInfo run, Cover cover, Machine machine, LabSetup setup,
            List<FeatureResult> features) {
        List<FeatureResult> ordered = features.stream()
                .sorted(Comparator.comparing(FeatureResult::file).thenComparing(FeatureResult::uri))
                .toList();
        return new LabReport(SCHEMA_VERSION, run, cover, machine, setup, Summary.of(ordered), ordered);
    }
}
