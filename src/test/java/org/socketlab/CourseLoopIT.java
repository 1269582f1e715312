package org.socketlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketlab.course.ClassReport;
import org.socketlab.course.ClassReports;
import org.socketlab.course.FailureGroup;
import org.socketlab.course.StudentRow;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Commands;
import org.socketlab.programs.Limit;

/**
 * The course's whole loop, as CI runs it: three students' submissions run the TCP features (Part 1 and question
 * (a)) in JVMs of their own, as {@code mvn verify -Dlab.program... -Dlab.answers=... -Dlab.studentId=...
 * -Dlab.referenceAnswers=hide} would; then {@code class-report} merges their results.json. The students: "correct"
 * (socket-lab's own programs, answers with a {@code <script>} in them), "echo" (a Python TCP server that sends the
 * sentence back without upper-casing it, and answers) and "silent" (no answers at all).
 */
class CourseLoopIT {
    private static final Path ROOT = Path.of("target", "course-loop").toAbsolutePath();
    private static final List<String> FEATURES = List.of("2-part1-tcp", "3-question-a-tcp-client-first");
    private static final String UPPER_CASE = "The TCP client gets its sentence back in upper case";
    private static final String SCRIPT = "<script>alert('answer')</script>";
    private static final long CONSOLE_LIMIT = 16L << 20;
    private static ClassReports.Written written;
    private static String csv;

    @BeforeAll
    static void threeStudentsRunTheirScenariosAndTheClassIsMerged() throws Exception {
        assumeTrue(Commands.runs(List.of("python3", "-c", "pass"), Duration.ofSeconds(10)), "python3 is not installed");
        deleteRecursively(ROOT);
        Path submissions = Files.createDirectories(ROOT.resolve("submissions"));

        Path correct = Files.createDirectories(submissions.resolve("correct/answers"));
        Files.writeString(correct.resolve("2-part1-tcp.md"), """
                TCP sets up a connection before any data. %s

                ## %s
                The server upper-cases the bytes it reads and writes them back. **bold** %s
                """.formatted(SCRIPT, UPPER_CASE, SCRIPT));
        Path echo = Files.createDirectories(submissions.resolve("echo/answers")).getParent();
        Files.writeString(echo.resolve("answers/2-part1-tcp.md"), "## " + UPPER_CASE + "\nIt upper-cases.\n");
        Files.writeString(echo.resolve("tcp_server.py"), """
                import socket, sys
                server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                server.bind(("", int(sys.argv[1])))
                server.listen(1)
                print("The server is ready to receive", flush=True)
                while True:
                    connection, address = server.accept()
                    sentence = connection.recv(1024)
                    connection.send(sentence)  # the mistake: no .upper()
                    connection.close()
                """);
        Files.createDirectories(submissions.resolve("silent"));

        ExecutorService runs = Executors.newFixedThreadPool(3);
        try {
            List<Future<ChildProcess.Result>> results = List.of(
                    runs.submit(() -> runScenarios("correct", "Cora Rect " + SCRIPT, Map.of(), true)),
                    runs.submit(() -> runScenarios("echo", "Eko", Map.of("tcp-server", "python3 "
                            + echo.resolve("tcp_server.py") + " {port}"), true)),
                    runs.submit(() -> runScenarios("silent", "Sy Lent", Map.of(), false)));
            for (Future<ChildProcess.Result> result : results) {
                assertThat(result.get().ending().stoppedFor()).as("a student's run ends").isEqualTo(Limit.NONE);
            }
        } finally {
            runs.shutdownNow();
        }
        written = new ClassReports(null, Clock.systemUTC()).write(List.of(submissions), ROOT.resolve("class"));
        csv = Files.readString(written.csv());
    }

    /** One student's {@code mvn verify}: Cucumber on the TCP features, the report in the submission's target/. */
    private static ChildProcess.Result runScenarios(String id, String name, Map<String, String> programs,
            boolean answers) throws Exception {
        Path submission = ROOT.resolve("submissions").resolve(id);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                "-Dlab.report.dir=" + submission.resolve("target/lab-report"),
                "-Dlab.studentId=" + id, "-Dlab.student=" + name, "-Dlab.referenceAnswers=hide"));
        if (answers) {
            command.add("-Dlab.answers=" + submission.resolve("answers"));
        }
        programs.forEach((role, program) -> command.add("-Dlab.program." + role + "=" + program));
        command.addAll(List.of("io.cucumber.core.cli.Main", "--glue", "org.socketlab.steps",
                "--plugin", "org.socketlab.report.LabReportPlugin"));
        FEATURES.forEach(feature -> command.add("features/" + feature + ".feature"));
        ChildProcess.Result run = ChildProcess.command(command).outputLimit(CONSOLE_LIMIT).run(Duration.ofMinutes(2));
        Files.writeString(submission.resolve("target/console.txt"), run.output());
        return run;
    }

    @Test
    void eachStudentHasARowWithTheScoresTheirScenariosEarned() {
        ClassReport report = written.report();
        assertThat(report.problems()).isEmpty();
        assertThat(report.students()).extracting(StudentRow::id).containsExactly("correct", "echo", "silent");
        assertThat(report.columns()).hasSize(3);
        assertThat(report.points()).as("the shipped features' @points tags").isPositive();
        StudentRow correct = report.students().get(0);
        StudentRow echo = report.students().get(1);
        StudentRow silent = report.students().get(2);
        assertThat(correct.score()).isEqualTo(report.points());
        assertThat(silent.score()).as("answers are not scored; the programs are").isEqualTo(report.points());
        int upperCase = columnOf(report, UPPER_CASE);
        assertThat(echo.cells().get(upperCase).css()).isEqualTo("not-as-expected");
        assertThat(echo.score()).isEqualTo(report.points() - report.columns().get(upperCase).points());
        assertThat(correct.ownReport()).isEqualTo("../submissions/correct/target/lab-report/index.html");
    }

    @Test
    void theGradebookHasOneRowPerStudentAndTheTotals() {
        ClassReport report = written.report();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("student id,student,Q1.1 ").endsWith(",total (" + report.pointsText() + ")");
        assertThat(lines[1]).startsWith("correct,Cora Rect <script>alert('answer')</script>,")
                .endsWith("," + report.pointsText());
        assertThat(lines[2]).startsWith("echo,Eko,").endsWith("," + report.students().get(1).scoreText());
        assertThat(lines[3]).startsWith("silent,Sy Lent,");
    }

    @Test
    void theEchoServersMistakeIsAGroupedReasonThatNamesTheStudent() {
        assertThat(written.report().failures()).anySatisfy(group -> {
            assertThat(group.reason()).startsWith("expected the client receives \"ASMAA GAMAL NAGY\"");
            assertThat(group.students()).extracting(FailureGroup.Student::id).containsExactly("echo");
        });
    }

    @Test
    void answersAreInTheStudentsReportEscapedAndTheReferenceAnswersAreHidden() throws Exception {
        JsonNode correct = new ObjectMapper().readTree(ROOT.resolve(
                "submissions/correct/target/lab-report/results.json").toFile());
        JsonNode tcp = feature(correct, "2-part1-tcp.feature");
        assertThat(tcp.path("studentAnswer").asText()).contains(SCRIPT);
        assertThat(tcp.at("/scenarios/0/answer")).as("the reference answer, hidden").isEmpty();
        String html = Files.readString(ROOT.resolve("submissions/correct/target/lab-report/index.html"));
        assertThat(html).contains("&lt;script&gt;alert(", "<strong>bold</strong>").doesNotContain("<script>alert");

        JsonNode silent = new ObjectMapper().readTree(ROOT.resolve(
                "submissions/silent/target/lab-report/results.json").toFile());
        assertThat(feature(silent, "2-part1-tcp.feature").path("studentAnswer").isMissingNode()
                || feature(silent, "2-part1-tcp.feature").path("studentAnswer").isNull()).isTrue();
    }

    @Test
    void theClassReportShowsTheNamesAsText() throws Exception {
        String html = Files.readString(written.html());
        assertThat(html).contains("Cora Rect &lt;script&gt;alert(&#39;answer&#39;)&lt;/script&gt;")
                .doesNotContain("<script");
    }

    private static JsonNode feature(JsonNode report, String file) {
        for (JsonNode feature : report.path("features")) {
            if (file.equals(feature.path("file").asText())) {
                return feature;
            }
        }
        throw new AssertionError("no " + file + " in the report");
    }

    private static int columnOf(ClassReport report, String scenario) {
        for (int i = 0; i < report.columns().size(); i++) {
            if (report.columns().get(i).scenario().equals(scenario)) {
                return i;
            }
        }
        throw new AssertionError("no column " + scenario);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
