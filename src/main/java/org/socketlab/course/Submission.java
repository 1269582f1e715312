package org.socketlab.course;

import java.nio.file.Path;
import java.time.Instant;
import org.socketlab.report.LabReport;

/**
 * One student's results.json, read.
 *
 * @param file            where it was read from
 * @param report          what it holds
 * @param studentId       the cover's student id, or the directory's name when the cover has none
 * @param idFromDirectory whether {@code studentId} is the directory's name
 * @param ranAt           when its scenarios ran (the run's start, else its end, else the file's time): the newer
 *                        of two reports for one student wins
 */
record Submission(Path file, LabReport report, String studentId, boolean idFromDirectory, Instant ranAt) {
}
