package org.socketlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketlab.lab.LabScenario;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Commands;
import org.socketlab.programs.Limit;

/**
 * The shipped Part 1 and Part 2 features with the seed's own Python programs named by {@code -Dlab.program.*}
 * (../shared/seed/python/, ports written inside them), run by Cucumber in a JVM of their own as a student would
 * run {@code mvn verify -Dlab.program...}. What they can run is as expected; where their hard-coded port is not
 * the scenario's, the scenario is skipped with the fix; the seed's Part 2 server, which reads one recv(1024),
 * loses the long request; and the report shows the seed's own words and the programs' SHA-256.
 */
class SeedProgramsIT {
    private static final Path SEED = Path.of("../shared/seed/python");
    private static final Path REPORT = Path.of("target/seed-programs-report");
    /** The run's console, kept in memory until it ends: a few KiB, with room to spare. */
    private static final long CONSOLE_LIMIT = 64L << 20;
    private static Map<String, String> statuses;
    private static String resultsJson;

    @BeforeAll
    static void runTheFeaturesWithTheSeedsPrograms() throws Exception {
        assumeTrue(Files.isDirectory(SEED), "no ../shared/seed/python beside the project (a course checkout has it)");
        assumeTrue(Commands.runs(List.of("python3", "-c", "pass"), Duration.ofSeconds(10)),
                "python3 is not installed");
        assumeTrue(LabScenario.isolated(), () -> "no lab hosts here: " + LabScenario.isolation().note());
        String python = "python3 " + SEED + "/";
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                "-Dlab.report.dir=" + REPORT,
                "-Dlab.program.udp-server=" + python + "udp_server.py",
                "-Dlab.program.udp-client=" + python + "udp_client.py",
                "-Dlab.program.tcp-server=" + python + "tcp_server.py",
                "-Dlab.program.tcp-client=" + python + "tcp_client.py",
                "-Dlab.program.line-server=" + python + "part2/tcp_server.py",
                "io.cucumber.core.cli.Main", "--glue", "org.socketlab.steps",
                "--plugin", "json:" + REPORT.resolve("cucumber.json"),
                "--plugin", "org.socketlab.report.LabReportPlugin"));
        for (String feature : List.of("1-part1-udp", "2-part1-tcp", "3-question-a-tcp-client-first",
                "4-question-b-udp-client-first", "5-question-c-different-ports", "6-part2-line-server")) {
            command.add("features/" + feature + ".feature");
        }
        Path console = Files.createDirectories(REPORT).resolve("console.txt");
        ChildProcess.Result run = ChildProcess.command(command).outputLimit(CONSOLE_LIMIT).run(Duration.ofMinutes(5));
        Files.writeString(console, run.output());
        assertThat(run.ending().stoppedFor()).as("the run ends").isEqualTo(Limit.NONE);
        statuses = new LinkedHashMap<>();
        for (JsonNode feature : new ObjectMapper().readTree(REPORT.resolve("cucumber.json").toFile())) {
            for (JsonNode scenario : feature.path("elements")) {
                String status = "passed";
                for (JsonNode step : scenario.path("steps")) {
                    String stepStatus = step.path("result").path("status").asText();
                    if (!stepStatus.equals("passed")) {
                        status = stepStatus;
                        break;
                    }
                }
                statuses.put(scenario.path("name").asText(), status);
            }
        }
        resultsJson = Files.readString(REPORT.resolve("results.json"));
    }

    @Test
    void whatTheSeedCanRunIsAsExpected() {
        assertThat(statuses).containsEntry("The UDP client gets its sentence back in upper case", "passed")
                .containsEntry("Text beyond ASCII survives the round trip", "passed")
                .containsEntry("The TCP client gets its sentence back in upper case", "passed")
                .containsEntry("A TCP server started on a port already in use does not start", "passed")
                .containsEntry("The TCP client is refused at once, before it asks for a sentence", "passed")
                .containsEntry("The server comes up before the sentence is sent: it works", "passed")
                .containsEntry("The sentence is sent before any server exists: the datagram is lost", "passed")
                .containsEntry("The server prints each line the client sends", "passed");
        if (org.socketlab.http.Chromium.find().isPresent()) {
            assertThat(statuses).as("Part 2, step 3: Chromium's request printed by the seed's server")
                    .containsEntry("The browser's request, printed by the server it uses as its proxy", "passed");
        }
    }

    @Test
    void aPortWrittenInsideTheProgramSkipsQuestionC() {
        assertThat(statuses).containsEntry("The UDP server listens on 4000, the client sends to 12000", "skipped")
                .containsEntry("The TCP server listens on 5000, the client connects to 12000", "skipped");
        assertThat(resultsJson).contains("listens on 12000/udp; this scenario needs it on 4000/udp: pass the port "
                + "with {port} in lab.program.udp-server");
        assertThat(statuses).as("no connected UDP client is named").containsEntry(
                "A connected UDP client learns at once that nothing listens", "skipped");
    }

    @Test
    void theSeedsPart2ServerLosesWhatComesAfterItsOneRecv() {
        assertThat(statuses).containsEntry("Nothing after the first 1,024 bytes is lost", "failed");
    }

    @Test
    void theReportShowsTheSeedsOwnWordsAndItsProgramsDigests() {
        assertThat(resultsJson).contains("ConnectionRefusedError: [Errno 111] Connection refused")
                .contains("OSError: [Errno 98] Address already in use")
                .contains("Input lowercase sentence:asmaa gamal nagy")
                .contains("udp_server.py").contains("sha256")
                .contains("not set (no lab.program.udp-client-connected): the steps of a connected UDP client are "
                        + "skipped");
    }
}
