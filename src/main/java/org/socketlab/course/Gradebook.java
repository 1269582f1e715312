package org.socketlab.course;

import java.util.ArrayList;
import java.util.List;
import org.socketlab.report.Format;

/**
 * {@code grades.csv}: one row per student id, one column per scenario, then the total (RFC 4180: comma-separated,
 * CRLF line ends, a field with a comma, quote or line break quoted with its quotes doubled). Text that a
 * spreadsheet would take for a formula ({@code = + - @}, tab or carriage return first) starts with an apostrophe,
 * so a student named {@code =HYPERLINK(...)} stays text. A scenario's cell is its score, {@code ungradable} when
 * its question could not run, and empty when the student's report does not have it.
 */
final class Gradebook {
    private Gradebook() {
    }

    static String csv(ClassReport report) {
        StringBuilder csv = new StringBuilder(64 * (report.students().size() + 1) * (report.columns().size() + 3));
        List<String> header = new ArrayList<>(List.of("student id", "student"));
        for (Column column : report.columns()) {
            header.add(column.label() + " " + column.scenario() + " (" + column.pointsText() + ")");
        }
        header.add("total (" + report.pointsText() + ")");
        line(csv, header);
        for (StudentRow row : report.students()) {
            List<String> fields = new ArrayList<>(row.cells().size() + 3);
            fields.add(row.id());
            fields.add(row.name());
            for (Cell cell : row.cells()) {
                fields.add(cell.verdict() == null ? "" : cell.gradable() ? Format.number(cell.score()) : "ungradable");
            }
            fields.add(row.scoreText());
            line(csv, fields);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** One field, safe for a spreadsheet and quoted when it must be. */
    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !isNumber(text)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** Our own scores are never negative, but a plain number is no formula either way. */
    private static boolean isNumber(String text) {
        return text.matches("[-+]?\\d+(\\.\\d+)?");
    }
}
