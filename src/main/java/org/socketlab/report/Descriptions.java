package org.socketlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gherkin descriptions turned into paragraphs. Feature-file convention (see {@code reports-template/lab-report.ftlh}):
 * a Feature's description is the assignment's question, a Scenario's description is the answer, and a paragraph
 * of it that starts with {@code Other systems:} is what Windows or macOS do, which this run did not observe.
 */
final class Descriptions {
    static final String OTHER_SYSTEMS = "Other systems:";

    /** A line that starts its own line even inside a paragraph: a list item, a table row, indented code. */
    private static final Pattern OWN_LINE = Pattern.compile("^(\\s+|[-*] |\\d+[.)] |\\|).*");

    private Descriptions() {
    }

    /** The description's paragraphs (blank lines separate them), hard-wrapped prose lines joined with spaces. */
    static List<String> paragraphs(String description) {
        List<String> paragraphs = new ArrayList<>();
        if (description == null || description.isBlank()) {
            return paragraphs;
        }
        StringBuilder paragraph = new StringBuilder();
        for (String line : dedent(description.split("\\R", -1))) {
            if (line.isBlank()) {
                flush(paragraph, paragraphs);
                continue;
            }
            if (!paragraph.isEmpty()) {
                paragraph.append(OWN_LINE.matcher(line).matches() ? "\n" : " ");
            }
            paragraph.append(OWN_LINE.matcher(line).matches() ? line.stripTrailing() : line.strip());
        }
        flush(paragraph, paragraphs);
        return paragraphs;
    }

    /**
     * The lines without the indentation they share. Not {@link String#stripIndent()}: it counts a blank last line,
     * and Gherkin descriptions may end with one.
     */
    private static List<String> dedent(String[] lines) {
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                common = Math.min(common, line.length() - line.stripLeading().length());
            }
        }
        List<String> dedented = new ArrayList<>();
        for (String line : lines) {
            dedented.add(line.isBlank() ? "" : line.substring(common));
        }
        return dedented;
    }

    private static void flush(StringBuilder paragraph, List<String> paragraphs) {
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }

    /** The paragraphs that answer why (everything but the OS note). */
    static List<String> answer(List<String> paragraphs) {
        return paragraphs.stream().filter(p -> !p.startsWith(OTHER_SYSTEMS)).toList();
    }

    /** The OS note's paragraphs, without the {@code Other systems:} label. */
    static List<String> otherSystems(List<String> paragraphs) {
        return paragraphs.stream().filter(p -> p.startsWith(OTHER_SYSTEMS))
                .map(p -> p.substring(OTHER_SYSTEMS.length()).strip()).toList();
    }
}
