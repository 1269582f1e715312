package org.socketlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grades.csv: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class GradebookTest {
    @TempDir
    Path dir;

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertThat(Gradebook.field("plain")).isEqualTo("plain");
        assertThat(Gradebook.field("Nagy, Asmaa")).isEqualTo("\"Nagy, Asmaa\"");
        assertThat(Gradebook.field("the \"best\"")).isEqualTo("\"the \"\"best\"\"\"");
        assertThat(Gradebook.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Gradebook.field(null)).isEmpty();
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaStaysText() {
        assertThat(Gradebook.field("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(Gradebook.field("+1 555")).isEqualTo("'+1 555");
        assertThat(Gradebook.field("-cmd|' /C calc'!A0")).isEqualTo("'-cmd|' /C calc'!A0");
        assertThat(Gradebook.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Gradebook.field("\tx")).isEqualTo("'\tx");
        assertThat(Gradebook.field("1.5")).isEqualTo("1.5");
        assertThat(Gradebook.field("a=b")).isEqualTo("a=b");
    }

    @Test
    void oneRowPerStudentOneColumnPerScenarioAndTheTotal() throws Exception {
        StudentReports.student("=1+1", "Nagy, \"Asmaa\"").passed("1-udp.feature", "UDP works", 1)
                .failed("2-tcp.feature", "TCP, twice", 1, "x", "y").writeTo(dir.resolve("a"));
        StudentReports.student("s2", "Bea").passed("2-tcp.feature", "TCP, twice", 1).ungradable("2-tcp.feature")
                .writeTo(dir.resolve("b"));

        Path csv = new ClassReports(null, ClassReportTest.CLOCK).write(List.of(dir), dir.resolve("out")).csv();

        List<String> lines = List.of(Files.readString(csv).split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("student id,student,Q1.1 UDP works (1),\"Q2.1 TCP, twice (1)\",total (2)");
        assertThat(lines.get(1)).isEqualTo("'=1+1,\"Nagy, \"\"Asmaa\"\"\",1,0,1");
        assertThat(lines.get(2)).isEqualTo("s2,Bea,,ungradable,0");
    }
}
