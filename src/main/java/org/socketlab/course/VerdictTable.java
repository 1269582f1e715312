package org.socketlab.course;

import org.socketlab.report.FeatureResult;
import org.socketlab.report.Format;
import org.socketlab.report.LabReport;
import org.socketlab.report.ScenarioResult;
import org.socketlab.report.Verdict;

/**
 * One student's verdicts as a GitHub-flavoured markdown table, for a CI job's summary page
 * ({@code $GITHUB_STEP_SUMMARY}): one row per scenario with its verdict, score and, when it did not come out as
 * expected, why. Text from the report is escaped so that it cannot break the table or add markup.
 */
public final class VerdictTable {
    private VerdictTable() {
    }

    public static String markdown(LabReport report) {
        StringBuilder md = new StringBuilder();
        String student = report.cover().student();
        String id = report.cover().studentId();
        md.append("### Lab report");
        if (student != null && !student.isBlank()) {
            md.append(": ").append(escape(student));
        }
        if (id != null && !id.isBlank()) {
            md.append(" (").append(escape(id)).append(')');
        }
        md.append("\n\n");
        md.append("**Score ").append(Format.number(report.summary().score())).append(" of ")
                .append(Format.number(report.summary().points())).append("** · ")
                .append(report.summary().totals().sentence()).append("\n\n");
        md.append("| question | scenario | verdict | points | why |\n|---|---|---|--:|---|\n");
        int number = 0;
        for (FeatureResult feature : report.features()) {
            number++;
            String question = "Q" + number + " " + escape(feature.name())
                    + (feature.gradable() ? "" : " *(ungradable: nothing could run)*");
            for (ScenarioResult scenario : feature.scenarios()) {
                String why = FailureReasons.verbatim(scenario);
                md.append("| ").append(question).append(" | ").append(escape(scenario.name())).append(" | ")
                        .append(mark(scenario.verdict())).append(' ').append(scenario.verdict().phrase())
                        .append(" | ").append(Format.number(scenario.score())).append('/')
                        .append(Format.number(scenario.points())).append(" | ")
                        .append(why == null ? "" : escape(why)).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String mark(Verdict verdict) {
        return switch (verdict) {
            case AS_EXPECTED -> "✅";
            case NOT_AS_EXPECTED -> "❌";
            case SKIPPED -> "⏭️";
            case UNDEFINED -> "❓";
        };
    }

    /** Table cells are one line; a pipe would end the cell, and HTML or markdown syntax would be rendered. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.replaceAll("\\s+", " ").strip().toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '|', '\\', '`', '*', '_', '[', ']', '#', '~' -> escaped.append('\\').append(c);
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
