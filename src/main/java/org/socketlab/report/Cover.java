package org.socketlab.report;

/**
 * The report's cover, read from {@code lab.properties} (see {@link LabProperties}).
 *
 * @param course      e.g. {@code Data Communications Networks}
 * @param assignment  e.g. {@code Socket Programming}
 * @param student     the student's name
 * @param studentId   the student's id and section
 * @param instructors optional, null when not set
 * @param department  optional, null when not set
 */
public record Cover(String course, String assignment, String student, String studentId, String instructors,
        String department) {
}
