package org.socketlab.course;

import java.util.List;
import org.socketlab.report.Verdict;

/**
 * One reason scenarios did not come out as expected, normalized so that the same mistake reads the same for every
 * student (ports, numbers, addresses, paths and the students' own quoted text stripped), with whom it hit.
 *
 * @param reason      the normalized reason
 * @param verdict     not as expected, skipped or undefined; for an ungradable question, the scenario's own
 * @param columns     the scenarios it hit, by label
 * @param students    the students it hit, in the matrix's order
 * @param occurrences how many cells it accounts for (a student can hit it in several scenarios)
 */
public record FailureGroup(String reason, Verdict verdict, List<String> columns, List<Student> students,
        int occurrences) {
    public FailureGroup {
        columns = List.copyOf(columns);
        students = List.copyOf(students);
    }

    /** A student it hit, with the matrix row to link to. */
    public record Student(String anchor, String id) {
    }
}
