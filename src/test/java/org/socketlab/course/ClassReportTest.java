package org.socketlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.report.Verdict;

/** The class report from students' results.json files: matrix, reasons, bad input, links, escaping. */
class ClassReportTest {
    static final String UDP = "1-part1-udp.feature";
    static final String TCP = "2-part1-tcp.feature";
    static final String PORTS = "5-question-c-different-ports.feature";
    static final String SCRIPT = "<script>alert('owned')</script>";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ClassReports classReports() {
        return new ClassReports(null, CLOCK);
    }

    private ClassReport read(Path... inputs) {
        return classReports().read(List.of(inputs), dir.resolve("out"));
    }

    @Test
    void theMatrixHasOneRowPerStudentSortedByIdAndOneColumnPerScenarioInQuestionOrder() {
        StudentReports.student("s2", "Bea").passed(TCP, "TCP works", 2).passed(UDP, "UDP works", 1)
                .writeTo(dir.resolve("in/bea"));
        StudentReports.student("s1", "Ali").passed(UDP, "UDP works", 1)
                .failed(UDP, "UDP text beyond ASCII", 1, "the client receives \"STRASSE\"", "\"strasse\"")
                .writeTo(dir.resolve("in/ali"));

        ClassReport report = read(dir.resolve("in"));

        assertThat(report.students()).extracting(StudentRow::id).containsExactly("s1", "s2");
        assertThat(report.columns()).extracting(Column::label, Column::scenario).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Q1.1", "UDP works"),
                org.assertj.core.groups.Tuple.tuple("Q1.2", "UDP text beyond ASCII"),
                org.assertj.core.groups.Tuple.tuple("Q2.1", "TCP works"));
        StudentRow ali = report.students().get(0);
        assertThat(ali.cells()).extracting(Cell::css)
                .containsExactly("as-expected", "not-as-expected", "missing");
        StudentRow bea = report.students().get(1);
        assertThat(bea.cells()).extracting(Cell::css).containsExactly("as-expected", "missing", "as-expected");
        assertThat(report.course()).isEqualTo("Data Communications Networks");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void scoresAddUpOverGradableScenariosAndAnUngradableQuestionIsNotAZero() {
        StudentReports.student("s1", "Ali").passed(UDP, "UDP works", 1.5).passed(TCP, "TCP works", 2)
                .failed(TCP, "TCP refused", 1, "x", "y").writeTo(dir.resolve("ali"));
        StudentReports.student("s2", "Bea").passed(UDP, "UDP works", 1.5)
                .skipped(TCP, "TCP works", 2, "no tcp-server named").skipped(TCP, "TCP refused", 1, "no tcp-server named")
                .ungradable(TCP).writeTo(dir.resolve("bea"));

        ClassReport report = read(dir);

        assertThat(report.columns()).extracting(Column::pointsText).containsExactly("1.5", "2", "1");
        assertThat(report.pointsText()).isEqualTo("4.5");
        StudentRow ali = report.students().get(0);
        assertThat(ali.cells()).extracting(Cell::text).containsExactly("1.5", "2", "0");
        assertThat(List.of(ali.scoreText(), ali.pointsText())).containsExactly("3.5", "4.5");
        StudentRow bea = report.students().get(1);
        assertThat(bea.cells()).extracting(Cell::css).containsExactly("as-expected", "ungradable", "ungradable");
        assertThat(bea.cells()).extracting(Cell::text).containsExactly("1.5", "n/g", "n/g");
        assertThat(List.of(bea.scoreText(), bea.pointsText())).as("only what could be graded counts")
                .containsExactly("1.5", "1.5");
        assertThat(report.rates().get(1).ungradable()).isEqualTo(1);
    }

    @Test
    void eachQuestionHasASubtotalPerStudentAndAPassRateOverItsScenarios() throws IOException {
        StudentReports.student("s1", "Ali").passed(UDP, "UDP works", 1.5).passed(TCP, "TCP works", 2)
                .failed(TCP, "TCP refused", 1, "x", "y").writeTo(dir.resolve("in/ali"));
        StudentReports.student("s2", "Bea").passed(UDP, "UDP works", 1.5).passed(TCP, "TCP works", 2)
                .passed(TCP, "TCP refused", 1).writeTo(dir.resolve("in/bea"));
        StudentReports.student("s3", "Cy").passed(UDP, "UDP works", 1.5)
                .skipped(TCP, "TCP works", 2, "no tcp-server named").skipped(TCP, "TCP refused", 1, "no tcp-server named")
                .ungradable(TCP).writeTo(dir.resolve("in/cy"));

        ClassReports.Written written = classReports().write(List.of(dir.resolve("in")), dir.resolve("out"));
        ClassReport report = written.report();

        assertThat(report.questions()).extracting(q -> q.total().label(), q -> q.total().pointsText(),
                QuestionTotal::first, QuestionTotal::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Q1", "1.5", 0, 1),
                org.assertj.core.groups.Tuple.tuple("Q2", "3", 1, 2));
        assertThat(report.students()).extracting(row -> row.questions().get(1).text())
                .containsExactly("2", "3", "n/g");
        assertThat(report.students().get(0).questions().get(1).css()).isEqualTo("not-as-expected");
        assertThat(report.students().get(1).questions().get(1).css()).isEqualTo("as-expected");
        ColumnRate tcp = report.questions().get(1).rate();
        assertThat(List.of(tcp.asExpected(), tcp.notAsExpected(), tcp.ungradable())).containsExactly(1, 1, 1);
        assertThat(tcp.passPercent()).isEqualTo(33);
        String html = Files.readString(written.html());
        assertThat(html).contains("Pass rate per question", "<tr class=\"question-rate\">",
                "<td class=\"c sub not-as-expected\">2</td>", "colspan=\"3\"");
    }

    @Test
    void thePassRateCountsOnlyTheStudentsWhoseReportHasTheScenario() {
        StudentReports.student("s1", "A").passed(UDP, "UDP works", 1).writeTo(dir.resolve("a"));
        StudentReports.student("s2", "B").failed(UDP, "UDP works", 1, "x", "y").writeTo(dir.resolve("b"));
        StudentReports.student("s3", "C").skipped(UDP, "UDP works", 1, "no tcpdump").writeTo(dir.resolve("c"));
        StudentReports.student("s4", "D").passed(TCP, "TCP works", 1).writeTo(dir.resolve("d"));

        ColumnRate udp = read(dir).rates().get(0);

        assertThat(udp.column().scenario()).isEqualTo("UDP works");
        assertThat(List.of(udp.asExpected(), udp.notAsExpected(), udp.skipped(), udp.missing()))
                .containsExactly(1, 1, 1, 1);
        assertThat(udp.ran()).isEqualTo(3);
        assertThat(udp.passPercent()).isEqualTo(33);
        assertThat(udp.width(udp.asExpected())).isEqualTo("33.3");
    }

    @Test
    void failureReasonsAreGroupedAcrossStudentsWithPortsNumbersAndTheirOwnTextStripped() {
        String expected = "the client receives \"ASMAA GAMAL NAGY\"";
        StudentReports.student("s0", "Z").failed(TCP, "Line server", 1, "the server prints \"GET / HTTP/1.1\"",
                "not printed; the server's console:\nServer listening on 127.0.0.1 : 2000").writeTo(dir.resolve("z"));
        StudentReports.student("s1", "A").failed(TCP, "TCP works", 2, expected,
                "\"asmaa gamal nagy\" from 127.0.0.1:41234; the client's console:\nasmaa").writeTo(dir.resolve("a"));
        StudentReports.student("s2", "B").failed(TCP, "TCP works", 2, expected,
                "\"Asmaa Gamal Nagy\" from 127.0.0.1:50022; the client's console:\nAsmaa").writeTo(dir.resolve("b"));
        StudentReports.student("s3", "C")
                .skipped(PORTS, "UDP on 4000", 1, "the udp-server listens on 12000/udp; this scenario needs it "
                        + "on 4000/udp: pass the port with {port} in lab.program.udp-server")
                .skipped(PORTS, "TCP on 5000", 1, "the udp-server listens on 12000/udp; this scenario needs it "
                        + "on 5000/udp: pass the port with {port} in lab.program.udp-server")
                .writeTo(dir.resolve("c"));
        StudentReports.student("s4", "D")
                .skipped(PORTS, "UDP on 4000", 1, "the udp-server listens on 12001/udp; this scenario needs it "
                        + "on 4000/udp: pass the port with {port} in lab.program.udp-server")
                .writeTo(dir.resolve("d"));

        List<FailureGroup> groups = read(dir).failures();

        assertThat(groups).hasSize(3);
        assertThat(groups.get(2).reason()).as("the feature's own words stay as they are")
                .isEqualTo("expected the server prints \"GET / HTTP/1.1\"; observed not printed");
        FailureGroup skip = groups.get(0);
        assertThat(skip.reason()).isEqualTo("the udp-server listens on #/udp; this scenario needs it on #/udp: "
                + "pass the port with {port} in lab.program.udp-server");
        assertThat(skip.verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(skip.students()).extracting(FailureGroup.Student::id).containsExactly("s3", "s4");
        assertThat(skip.occurrences()).isEqualTo(3);
        assertThat(skip.columns()).as("the second question's two scenarios").containsExactly("Q2.1", "Q2.2");
        FailureGroup wrongCase = groups.get(1);
        assertThat(wrongCase.reason()).isEqualTo("expected the client receives \"ASMAA GAMAL NAGY\"; "
                + "observed \"…\" from ADDRESS");
        assertThat(wrongCase.verdict()).isEqualTo(Verdict.NOT_AS_EXPECTED);
        assertThat(wrongCase.students()).extracting(FailureGroup.Student::id).containsExactly("s1", "s2");
    }

    @Test
    void normalizingStripsPathsAndNumbersButKeepsTheFeaturesQuotedWords() {
        assertThat(FailureReasons.normalize("only lab.program.udp-client is named (python3 "
                + "../shared/seed/python/udp_client.py); name one", true))
                .isEqualTo("only lab.program.udp-client is named (python3 …); name one");
        assertThat(FailureReasons.normalize("no reply within 2.5 s from [::1]:12000\nsecond line", false))
                .isEqualTo("no reply within # s from ADDRESS");
        assertThat(FailureReasons.normalize("no step definition for \"the server on port 4000\"", false))
                .isEqualTo("no step definition for \"the server on port #\"");
        assertThat(FailureReasons.normalize("the server printed GET / HTTP/1.1 to /tmp/x/log.txt", false))
                .isEqualTo("the server printed GET / HTTP/# to …");
    }

    @Test
    void aRunThatWroteNoReportHasARowSayingWhyWithNoPointsAndTheOthersAreMerged() throws IOException {
        StudentReports.student("s1", "A").passed(UDP, "UDP works", 1).writeTo(dir.resolve("s1/target/lab-report"));
        Path refused = Files.createDirectories(dir.resolve("s2/target/lab-report"));
        Files.writeString(refused.resolve("REPORT-FAILED.txt"), "No scenario ran: a lab setting cannot be used.\n\n"
                + "error: lab.requirePrograms (given with -D) is \"yes\": write true\n");
        // A report written after an earlier failure: the report counts, the old marker does not.
        Path rerun = dir.resolve("s3/target/lab-report");
        StudentReports.student("s3", "C").passed(UDP, "UDP works", 1).writeTo(rerun);
        Files.writeString(rerun.resolve("REPORT-FAILED.txt"), "error: old");

        ClassReport report = read(dir);

        assertThat(report.students()).extracting(StudentRow::id).containsExactly("s1", "s2", "s3");
        StudentRow refusedRow = report.students().get(1);
        assertThat(refusedRow.noReport()).isEqualTo("error: lab.requirePrograms (given with -D) is \"yes\": write true");
        assertThat(refusedRow.score()).isZero();
        assertThat(refusedRow.cells()).containsOnly(Cell.MISSING);
        assertThat(refusedRow.ownReport()).endsWith("s2/target/lab-report/REPORT-FAILED.txt");
        assertThat(report.students().get(2).noReport()).as("a report written after the failure counts").isNull();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(InputProblem.Kind.NO_REPORT);
            assertThat(problem.file()).endsWith("s2/target/lab-report/REPORT-FAILED.txt");
            assertThat(problem.detail()).isEqualTo("student \"s2\" has no results.json, so their row has no points "
                    + "and says why: error: lab.requirePrograms (given with -D) is \"yes\": write true");
        });
        // The page and grades.csv have the row too.
        ClassReports.Written written = new ClassReports(null, CLOCK).write(List.of(dir), dir.resolve("out"));
        assertThat(Files.readString(written.html())).contains("no report: error: lab.requirePrograms");
        assertThat(Files.readString(written.csv()).split("\r\n")).contains("s2,,,0");
    }

    @Test
    void aResultsJsonHoldingNullIsNotAReportWithAClearReason() throws IOException {
        Path file = Files.createDirectories(dir.resolve("nul")).resolve("results.json");
        Files.writeString(file, "null");

        assertThat(read(dir).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(InputProblem.Kind.NOT_A_REPORT);
            assertThat(problem.detail()).isEqualTo("it holds JSON null, not a lab report");
        });
    }

    @Test
    void badInputIsListedAndTheOtherStudentsAreStillMerged() throws IOException {
        StudentReports.student("s1", "A").passed(UDP, "UDP works", 1).writeTo(dir.resolve("good"));
        Files.createDirectories(dir.resolve("garbage"));
        Files.writeString(dir.resolve("garbage/results.json"), "<html>not json</html>");
        Files.createDirectories(dir.resolve("gradescope"));
        Files.writeString(dir.resolve("gradescope/results.json"), "{\"score\": 3, \"tests\": []}");
        Path newer = StudentReports.student("s1", "A").passed(UDP, "UDP works", 1).writeTo(dir.resolve("future"));
        Files.writeString(newer, Files.readString(newer).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99"));
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/results.json"), "");
        Files.createDirectories(dir.resolve("reshaped"));
        Files.writeString(dir.resolve("reshaped/results.json"), "{\"schemaVersion\": 2, \"features\": \"elsewhere\"}");

        ClassReport report = read(dir, dir.resolve("no-such-dir"));

        // Each file that cannot be merged still stands for a student: a row with no points that says why. The newer
        // socket-lab's report names its student (s1, whose readable report counts); the others their directory.
        assertThat(report.students()).extracting(StudentRow::id)
                .containsExactlyInAnyOrder("s1", "garbage", "gradescope", "empty", "reshaped");
        assertThat(report.students()).filteredOn(row -> row.id().equals("reshaped")).singleElement()
                .satisfies(row -> assertThat(row.noReport()).isEqualTo("its results.json cannot be read: another "
                        + "schemaVersion: schemaVersion 2; this socket-lab reads 1"));
        assertThat(report.students()).filteredOn(row -> row.id().equals("s1")).singleElement()
                .satisfies(row -> assertThat(row.noReport()).isNull());
        assertThat(report.problems()).extracting(problem -> Path.of(problem.file()).getParent().getFileName()
                        .toString(), InputProblem::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("garbage", InputProblem.Kind.NOT_A_REPORT),
                        org.assertj.core.groups.Tuple.tuple("gradescope", InputProblem.Kind.NOT_A_REPORT),
                        org.assertj.core.groups.Tuple.tuple("future", InputProblem.Kind.OTHER_SCHEMA),
                        org.assertj.core.groups.Tuple.tuple("empty", InputProblem.Kind.NOT_A_REPORT),
                        org.assertj.core.groups.Tuple.tuple("reshaped", InputProblem.Kind.OTHER_SCHEMA),
                        org.assertj.core.groups.Tuple.tuple(dir.getFileName().toString(),
                                InputProblem.Kind.NOTHING_FOUND));
        assertThat(report.problems()).filteredOn(problem -> problem.kind() == InputProblem.Kind.OTHER_SCHEMA)
                .extracting(InputProblem::detail).containsExactlyInAnyOrder("schemaVersion 99; this socket-lab reads 1",
                        "schemaVersion 2; this socket-lab reads 1");
    }

    @Test
    void ofTwoReportsForOneStudentTheNewerRunWinsAndThePageSaysSo() throws IOException {
        StudentReports.student("s1", "A", Instant.parse("2026-11-30T12:00:00Z")).passed(UDP, "UDP works", 1)
                .writeTo(dir.resolve("late"));
        StudentReports.student("s1", "A", Instant.parse("2026-11-30T09:00:00Z"))
                .failed(UDP, "UDP works", 1, "x", "y").writeTo(dir.resolve("early"));

        ClassReports.Written written = classReports().write(List.of(dir.resolve("early"), dir.resolve("late")),
                dir.resolve("out"));

        assertThat(written.report().students()).singleElement().satisfies(row -> {
            assertThat(row.source()).contains("late");
            assertThat(row.cells()).extracting(Cell::css).containsExactly("as-expected");
        });
        assertThat(written.report().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(InputProblem.Kind.DUPLICATE);
            assertThat(problem.file()).contains("early");
            assertThat(problem.detail()).contains("\"s1\"", "newer", "late");
        });
        assertThat(Files.readString(written.html())).contains("two reports for one student");
    }

    @Test
    void withoutAStudentIdTheDirectoryNameStandsInAndThePageSaysSo() throws IOException {
        StudentReports.student(null, "Nameless").passed(UDP, "UDP works", 1)
                .writeTo(dir.resolve("artifacts/lab-report-carol/target/lab-report"));

        ClassReports.Written written = classReports().write(List.of(dir), dir.resolve("out"));

        assertThat(written.report().students()).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo("lab-report-carol");
            assertThat(row.idFromDirectory()).isTrue();
        });
        assertThat(written.report().problems()).extracting(InputProblem::kind)
                .containsExactly(InputProblem.Kind.NO_STUDENT_ID);
        assertThat(Files.readString(written.html())).contains("no student id", "(dir)");
    }

    @Test
    void aStudentsRowLinksToTheirOwnReportWhenItLiesBesideTheJson() throws IOException {
        Path withPage = dir.resolve("reports/ali é").resolve("lab-report");
        StudentReports.student("s1", "Ali").passed(UDP, "UDP works", 1).writeTo(withPage);
        Files.writeString(withPage.resolve("index.html"), "<html></html>");
        StudentReports.student("s2", "Bea").passed(UDP, "UDP works", 1).writeTo(dir.resolve("reports/bea"));

        ClassReports.Written written = classReports().write(List.of(dir.resolve("reports")), dir.resolve("out"));

        assertThat(written.report().students()).extracting(StudentRow::ownReport)
                .containsExactly("../reports/ali%20%C3%A9/lab-report/index.html", null);
        assertThat(Files.readString(written.html()))
                .contains("<a href=\"../reports/ali%20%C3%A9/lab-report/index.html\">s1</a>");
        assertThat(written.html().getParent().resolve(written.report().students().get(0).ownReport()
                .replace("%20", " ").replace("%C3%A9", "é"))).exists();
    }

    @Test
    void aScriptInANameOrAReasonIsShownAsTextNeverRun() throws IOException {
        StudentReports.student("s1 " + SCRIPT, "Mallory " + SCRIPT)
                .failed(UDP, "UDP works " + SCRIPT, 1, "the client receives " + SCRIPT, "it printed " + SCRIPT)
                .skipped(TCP, "TCP works", 1, "skipped because " + SCRIPT)
                .writeTo(dir.resolve("m"));

        String html = Files.readString(classReports().write(List.of(dir.resolve("m")), dir.resolve("out")).html());

        assertThat(html).doesNotContain("<script").contains("Mallory &lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
                .contains("skipped because &lt;script&gt;");
    }

    @Test
    void thePageIsOneOfflineFileWithTheMatrixChartAndReasons() throws IOException {
        StudentReports.student("s1", "A").passed(UDP, "UDP works", 1).writeTo(dir.resolve("a"));
        StudentReports.student("s2", "B").failed(UDP, "UDP works", 1, "x", "y").writeTo(dir.resolve("b"));

        String html = Files.readString(classReports().write(List.of(dir), dir.resolve("out")).html());

        assertThat(html).contains("<table class=\"matrix\">", "<tr id=\"s1\">", "<tr id=\"s2\">",
                "<div class=\"bar\"", ">50%<", "<tr class=\"failure\">", "<a href=\"#s2\">s2</a>", "made 2026-12-01 03:00 UTC");
        assertThat(html).doesNotContain("http://", "https://", "<link", "<img", "<script", "@import");
    }
}
