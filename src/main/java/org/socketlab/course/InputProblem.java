package org.socketlab.course;

import java.nio.file.Path;

/**
 * Input the class report could not use as it is, listed on the page; it never stops the run.
 *
 * @param file   the file (or directory) concerned
 * @param kind   what is wrong
 * @param detail the specifics, e.g. the parser's message or which report was kept
 */
public record InputProblem(String file, Kind kind, String detail) {

    InputProblem(Path file, Kind kind, String detail) {
        this(file.toString(), kind, detail);
    }

    public enum Kind {
        /** Not a lab report's results.json: not JSON, or no schemaVersion. Left out. */
        NOT_A_REPORT("not a results.json"),
        /** A schemaVersion this socket-lab does not read. Left out. */
        OTHER_SCHEMA("another schemaVersion"),
        /** A second report for a student id: the one whose run is newer is kept. */
        DUPLICATE("two reports for one student"),
        /** No student id on the cover: the directory's name stands in for it. */
        NO_STUDENT_ID("no student id"),
        /**
         * A {@code REPORT-FAILED.txt} where the results.json would be: that student's run wrote no report (e.g. a
         * setting was refused); their row has no points and says why.
         */
        NO_REPORT("no report written"),
        /** A path given on the command line that does not exist, or holds no results.json. */
        NOTHING_FOUND("nothing found");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }
}
