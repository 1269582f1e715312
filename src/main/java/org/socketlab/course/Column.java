package org.socketlab.course;

import org.socketlab.report.Format;

/**
 * One scenario of the class report: a column of the matrix and of {@code grades.csv}.
 *
 * @param label    short, e.g. {@code Q3.2}: the question's number and the scenario's within it
 * @param question the question's number, 1, 2, ... in the order of the feature files' names
 * @param file     the feature file, e.g. {@code 3-question-a-tcp-client-first.feature}
 * @param feature  the feature's name
 * @param scenario the scenario's name
 * @param points   what it is worth: the largest maximum any student's report gives it (0 when untagged)
 */
public record Column(String label, int question, String file, String feature, String scenario, double points) {

    /** {@code 2}, {@code 1.5}: points as a gradebook writes them. */
    public String pointsText() {
        return Format.number(points);
    }
}
