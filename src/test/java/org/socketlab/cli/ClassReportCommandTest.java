package org.socketlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.course.StudentReports;

/** {@code socket-lab class-report} and {@code socket-lab summary} as a user runs them. */
class ClassReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void classReportWritesThePageAndTheGradebookAndWarnsAboutBadInput() throws IOException {
        StudentReports.student("s1", "Ali").passed("1-udp.feature", "UDP works", 1).writeTo(dir.resolve("in/ali"));
        Files.writeString(dir.resolve("in/notes.json"), "[]");
        Path out = dir.resolve("class");

        Cli.Run run = Cli.run("class-report", "--out", out.toString(), dir.resolve("in").toString(),
                dir.resolve("in/notes.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("1 student, 1 scenario", out.resolve("index.html").toString(),
                out.resolve("grades.csv").toString());
        assertThat(run.err()).contains("warning: ", "notes.json: not a results.json");
        assertThat(out.resolve("grades.csv")).content().startsWith("student id,student,Q1.1 UDP works (1),total (1)");
    }

    @Test
    void classReportWithNoReadableReportFailsAfterWritingThePageThatSaysWhy() {
        Path out = dir.resolve("class");

        Cli.Run run = Cli.run("class-report", "--out", out.toString(), dir.resolve("empty").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nothing found", "error: no student's results.json could be read");
        assertThat(out.resolve("index.html")).content().contains("Input problems", "it does not exist");
    }

    @Test
    void classReportWhereEveryRunFailedFailsThoughEachStudentHasARow() throws Exception {
        Path student = java.nio.file.Files.createDirectories(dir.resolve("in/20260001/target/lab-report"));
        java.nio.file.Files.writeString(student.resolve("REPORT-FAILED.txt"), "error: lab.grader=moodle is refused\n");
        Path out = dir.resolve("class");

        Cli.Run run = Cli.run("class-report", "--out", out.toString(), dir.resolve("in").toString());

        assertThat(run.exitCode()).as("a course-wide setting that failed every run is an error").isEqualTo(1);
        assertThat(run.err()).contains("error: no student's results.json could be read");
        assertThat(out.resolve("grades.csv")).content().contains("20260001");
    }

    @Test
    void classReportNeedsAnOutputDirectoryAndInput() {
        assertThat(Cli.run("class-report", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(Cli.run("class-report", "--out", dir.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void summaryPrintsTheVerdictTableAsMarkdown() {
        Path json = StudentReports.student("s1", "Ali | <b>")
                .passed("1-udp.feature", "UDP works", 1.5)
                .failed("1-udp.feature", "UDP | pipes", 1, "the client receives \"X\"", "\"x\"; more")
                .writeTo(dir.resolve("ali"));

        Cli.Run run = Cli.run("summary", json.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("### Lab report: Ali \\| &lt;b&gt; (s1)\n\n**Score 1.5 of 2.5**",
                "| question | scenario | verdict | points | why |",
                "| Q1 Feature 1-udp | UDP works | ✅ as expected | 1.5/1.5 |  |",
                "| Q1 Feature 1-udp | UDP \\| pipes | ❌ not as expected | 0/1 | expected the client receives \"X\"; "
                        + "observed \"x\" |");
    }

    @Test
    void summarySaysWhatIsWrongWithItsInput() {
        Cli.Run run = Cli.run("summary", dir.resolve("missing.json").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: cannot read", "missing.json");
    }
}
