/**
 * socket-lab in a course: many students' {@code results.json} merged into one class report ({@code index.html})
 * and a gradebook ({@code grades.csv}), and one report's verdicts as a CI job's summary. Reads the report model;
 * nothing but the command line depends on it.
 */
package org.socketlab.course;
