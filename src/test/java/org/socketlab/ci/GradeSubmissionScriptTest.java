package org.socketlab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/grade-submission.sh} with a stand-in {@code mvn} on the PATH that writes down its arguments: what a
 * submission may not bring into its own grading (Maven's per-project configuration, the course's settings in its
 * lab.properties, the hand-out's student name) is gone, and programs are required.
 */
class GradeSubmissionScriptTest {
    @TempDir
    Path dir;

    @Test
    void aSubmissionsMavenConfigurationAndCourseSettingsAreRemovedAndProgramsRequired() throws Exception {
        Path submission = Files.createDirectories(dir.resolve("submissions/20260001"));
        Files.createDirectories(submission.resolve(".mvn"));
        Files.writeString(submission.resolve(".mvn/maven.config"), "-Dcucumber.features=features/1-part1-udp.feature");
        Files.writeString(submission.resolve("mvnw"), "#!/bin/sh\n");
        Files.writeString(submission.resolve("lab.properties"), """
                lab.student=Ada Student
                lab.program.tcp-server=python3 tcp_server.py {port}
                cucumber.filter.tags=@none
                  lab.grader = gradescope
                lab.requirePrograms=false
                lab.referenceAnswers:show
                """);

        List<String> args = grade(submission);

        assertThat(submission.resolve(".mvn")).doesNotExist();
        assertThat(submission.resolve("mvnw")).doesNotExist();
        assertThat(Files.readString(submission.resolve("lab.properties")))
                .isEqualTo("lab.student=Ada Student\nlab.program.tcp-server=python3 tcp_server.py {port}\n");
        assertThat(args).contains("-Dlab.requirePrograms=true", "-Dlab.referenceAnswers=hide", "-Dlab.grader=",
                "-Dlab.studentId=20260001").doesNotContain("-Dlab.student=");
    }

    @Test
    void withoutALabPropertiesTheCoursesIsUsedWithNoStudentName() throws Exception {
        Path submission = Files.createDirectories(dir.resolve("submissions/20260002"));

        List<String> args = grade(submission);

        assertThat(submission.resolve("lab.properties")).exists();
        assertThat(args).contains("-Dlab.student=", "-Dlab.studentId=20260002", "-Dlab.requirePrograms=true");
    }

    @Test
    void aReportTheSubmissionBringsIsRemovedAndARunThatWritesNoneSaysSo() throws Exception {
        Path submission = Files.createDirectories(dir.resolve("submissions/20260003"));
        Path handedIn = Files.createDirectories(submission.resolve("target/lab-report")).resolve("results.json");
        Files.writeString(handedIn, "{\"summary\": {\"score\": 100}}");

        // Maven stops before the report's own code runs (a dependency it cannot download, say).
        int status = run(submission, "echo 'Could not resolve dependencies' >&2; exit 7");

        assertThat(status).as("no report, so the script fails, with Maven's status").isEqualTo(7);
        assertThat(handedIn).doesNotExist();
        assertThat(submission.resolve("target/lab-report/REPORT-FAILED.txt")).content()
                .startsWith("error: the grading run wrote no report (mvn exited 7)");
    }

    /** Runs the script with a stand-in mvn that writes a report; returns the arguments it got. */
    private List<String> grade(Path submission) throws Exception {
        int status = run(submission, "printf '%s\\n' \"$@\" > mvn-arguments.txt\n"
                + "mkdir -p target/lab-report && echo '{}' > target/lab-report/results.json");
        assertThat(status).as(Files.readString(dir.resolve("script-output.txt"))).isZero();
        return Files.readAllLines(submission.resolve("mvn-arguments.txt"));
    }

    /** Runs the script with a stand-in mvn made of this shell script; returns its exit status. */
    private int run(Path submission, String mvnScript) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n" + mvnScript + "\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder script = new ProcessBuilder("bash", ".ci/grade-submission.sh", submission.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("script-output.txt").toFile());
        script.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = script.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script finishes").isTrue();
        return process.exitValue();
    }
}
