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
 * -Dlab.referenceAnswers=hide -Dlab.requirePrograms=true} would (as .ci/grade-submission.sh grades); then
 * {@code class-report} merges their results.json. The students: "correct" (a Python TCP server and client of their
 * own, named explicitly, answers with a {@code <script>} in them), "echo" (the same client, and a Python TCP server
 * that sends the sentence back without upper-casing it, and answers) and "silent" (no program named and an empty
 * answers folder: with programs required its questions are ungradable, not full marks).
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
        Files.writeString(correct.resolve("../tcp_server.py"), Files.readString(echo.resolve("tcp_server.py"))
                .replace("connection.send(sentence)  # the mistake: no .upper()", "connection.send(sentence.upper())"));
        for (Path student : List.of(correct.getParent(), echo)) {
            Files.writeString(student.resolve("tcp_client.py"), """
                    import socket, sys
                    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    client.connect((sys.argv[1], int(sys.argv[2])))
                    sentence = input("Input lowercase sentence:")
                    client.send(sentence.encode())
                    print("From Server:", client.recv(1024).decode())
                    client.close()
                    """);
        }
        Files.createDirectories(submissions.resolve("silent/answers"));

        ExecutorService runs = Executors.newFixedThreadPool(3);
        try {
            List<Future<ChildProcess.Result>> results = List.of(
                    runs.submit(() -> runScenarios("correct", "Cora Rect " + SCRIPT, programs(correct.getParent()))),
                    runs.submit(() -> runScenarios("echo", "Eko", programs(echo))),
                    runs.submit(() -> runScenarios("silent", "Sy Lent", Map.of())));
            for (Future<ChildProcess.Result> result : results) {
                assertThat(result.get().ending().stoppedFor()).as("a student's run ends").isEqualTo(Limit.NONE);
            }
        } finally {
            runs.shutdownNow();
        }
        written = new ClassReports(null, Clock.systemUTC()).write(List.of(submissions), ROOT.resolve("class"));
        csv = Files.readString(written.csv());
    }

    /** The student's own TCP server and client, named explicitly as a graded run requires. */
    private static Map<String, String> programs(Path submission) {
        return Map.of("tcp-server", "python3 " + submission.resolve("tcp_server.py") + " {port}",
                "tcp-client", "python3 " + submission.resolve("tcp_client.py") + " {host} {port}");
    }

    /**
     * One student's {@code mvn verify}: Cucumber on the TCP features, the report in the submission's target/, the
     * answers from the submission's own answers/ (never the course checkout's).
     */
    private static ChildProcess.Result runScenarios(String id, String name, Map<String, String> programs)
            throws Exception {
        Path submission = ROOT.resolve("submissions").resolve(id);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                "-Dlab.report.dir=" + submission.resolve("target/lab-report"),
                "-Dlab.studentId=" + id, "-Dlab.student=" + name, "-Dlab.referenceAnswers=hide",
                "-Dlab.requirePrograms=true", "-Dlab.answers=" + submission.resolve("answers")));
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
        assertThat(correct.cells()).allSatisfy(cell -> assertThat(cell.css()).isEqualTo("as-expected"));
        assertThat(silent.cells()).as("no program named, programs required: nothing could run")
                .allSatisfy(cell -> {
                    assertThat(cell.gradable()).isFalse();
                    assertThat(cell.css()).isEqualTo("ungradable");
                });
        assertThat(silent.score()).as("ungradable is not full marks").isZero();
        assertThat(silent.points()).as("nothing gradable").isZero();
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
        for (String file : FEATURES) {
            JsonNode feature = feature(silent, file + ".feature");
            assertThat(feature.path("gradable").asBoolean(true)).as(file + " gradable").isFalse();
            assertThat(feature.path("studentAnswer").isMissingNode() || feature.path("studentAnswer").isNull())
                    .as(file + "'s answer, none written").isTrue();
            assertThat(feature.path("scenarios")).isNotEmpty().allSatisfy(scenario -> {
                assertThat(scenario.path("studentAnswer").isMissingNode() || scenario.path("studentAnswer").isNull())
                        .as(scenario.path("name").asText() + "'s answer").isTrue();
                assertThat(scenario.path("status").asText()).isEqualTo("SKIPPED");
                assertThat(scenario.path("reason").asText()).startsWith("no program named for the role tcp-");
            });
        }
        assertThat(Files.readString(ROOT.resolve("submissions/silent/target/lab-report/index.html")))
                .contains("No answer written");
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
