package org.socketlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.socketlab.grader.GradedRun;
import org.socketlab.grader.GradedTest;
import org.socketlab.model.Check;

/** A lab report as graders see it: one test per scenario, telling what failed against what was observed. */
final class GraderRuns {
    private GraderRuns() {
    }

    static GradedRun of(LabReport report) {
        List<GradedTest> tests = new ArrayList<>();
        for (int q = 0; q < report.features().size(); q++) {
            FeatureResult feature = report.features().get(q);
            for (int s = 0; s < feature.scenarios().size(); s++) {
                ScenarioResult scenario = feature.scenarios().get(s);
                tests.add(new GradedTest(scenario.name(), (q + 1) + "." + (s + 1), feature.name(), scenario.score(),
                        scenario.points(), message(scenario), story(feature, scenario),
                        List.of(feature.file(), scenario.verdict().css())));
            }
        }
        boolean gradable = report.features().stream().anyMatch(FeatureResult::gradable);
        long seconds = report.run().duration() == null ? 0
                : (long) Math.ceil(report.run().duration().toMillis() / 1000.0);
        // Out of every question's points, the ungradable ones' too: with programs required, a question is also
        // ungradable when the student named no program for it, and leaving it out of the total would give a student
        // who did one question of five full marks.
        String headline = headline(report, gradable);
        return new GradedRun(report.summary().score(), report.summary().points(), gradable, seconds, headline,
                overview(report, headline), tests);
    }

    /** One line: the verdict and the points. */
    static String message(ScenarioResult scenario) {
        String points = Format.number(scenario.score()) + " of " + Format.number(scenario.points()) + " points";
        return switch (scenario.verdict()) {
            case AS_EXPECTED -> "As expected: " + points + ".";
            case NOT_AS_EXPECTED -> "Not as expected: " + points + ".";
            case SKIPPED -> "Skipped, not failed: it could not run here; " + points + ".";
            case UNDEFINED -> "Undefined, not failed: the feature file needs work; " + points + ".";
        };
    }

    /** The message, then what failed against what was observed, or why it did not run. */
    static String story(FeatureResult feature, ScenarioResult scenario) {
        List<String> lines = new ArrayList<>();
        lines.add(message(scenario));
        if (scenario.reason() != null) {
            lines.add("Why: " + scenario.reason());
        }
        for (Check check : scenario.observations().checks()) {
            if (!check.met()) {
                lines.add("Expected: " + Objects.toString(check.expected(), ""));
                lines.add("Observed: " + Objects.toString(check.observed(), ""));
            }
        }
        scenario.steps().stream().filter(StepResult::problem).findFirst().ifPresent(step -> {
            lines.add("Failed step: " + step.keyword() + " " + step.text() + " (" + feature.file() + ":"
                    + step.line() + ")");
            if (step.errorMessage() != null) {
                lines.add(step.errorMessage());
            }
        });
        lines.add(scenario.studentAnswer() == null ? "Student's answer: no answer written."
                : "Student's answer: written (see the lab report).");
        return String.join("\n", lines);
    }

    private static String headline(LabReport report, boolean gradable) {
        if (!gradable) {
            return "Ungradable: no scenario could run here.";
        }
        List<FeatureResult> ungradable = report.features().stream().filter(f -> !f.gradable()).toList();
        double notEarned = ungradable.stream().mapToDouble(FeatureResult::points).sum();
        return "Score " + Format.number(report.summary().score()) + " of " + Format.number(report.summary().points())
                + " points" + (ungradable.isEmpty() ? "." : "; " + ungradable.size() + " question"
                + (ungradable.size() == 1 ? "" : "s") + " (" + Format.number(notEarned) + " point"
                + (notEarned == 1 ? "" : "s") + ") could not run here, so " + (notEarned == 1 ? "it is" : "they are")
                + " not earned: each question's test says why (ungradable: a program not named, or a tool missing).");
    }

    private static String overview(LabReport report, String headline) {
        List<String> lines = new ArrayList<>();
        Cover cover = report.cover();
        if (cover.student() != null || cover.studentId() != null) {
            lines.add(Objects.toString(cover.student(), "") + (cover.studentId() == null ? ""
                    : " (" + cover.studentId() + ")"));
        }
        lines.add(headline);
        lines.add(report.summary().totals().sentence() + ".");
        for (int q = 0; q < report.features().size(); q++) {
            FeatureResult feature = report.features().get(q);
            lines.add((q + 1) + ". " + feature.name() + ": " + (feature.gradable()
                    ? Format.number(feature.score()) + " of " + Format.number(feature.points())
                    : "ungradable here (nothing could run), worth " + Format.number(feature.points())));
        }
        if (!report.unmatchedAnswers().isEmpty()) {
            lines.add("Answers that match no feature or scenario: " + report.unmatchedAnswers().stream()
                    .collect(Collectors.joining("; ")));
        }
        lines.add("The lab report (index.html) shows the evidence and the student's answers.");
        return String.join("\n", lines);
    }
}
