package org.socketlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Limit;
import org.socketlab.wire.LabHost;

/**
 * Scenarios run by user nobody (uid 65534) with no capabilities at all, as a student who is not root runs them:
 * lab hosts are still made (a user namespace of their own), packets are captured there, and a second host with a
 * server on it works. socket-lab's own programs run as commands inside the lab host, since a JVM that is not root
 * may not move its threads there. Needs root to drop to nobody, and Linux namespaces.
 */
class UnprivilegedIT {
    /** The run's console, kept in memory until it ends: a few KiB, with room to spare. */
    private static final long CONSOLE_LIMIT = 64L << 20;
    private static Path work;
    private static Map<String, String> statuses;
    private static String resultsJson;
    private static String console;

    @BeforeAll
    static void runAsNobody() throws Exception {
        assumeTrue(LabHost.jvmMayJoin(), "dropping to user nobody needs root");
        assumeTrue(LabHost.unavailable().isEmpty(), () -> "no lab hosts here: " + LabHost.unavailable().orElse(""));
        Path jar = Path.of(System.getProperty("lab.jar", "target/socket-lab.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "the jar is built in the package phase: " + jar);
        // Everything nobody needs, where nobody can read it: the class path (~/.m2 is root's), the feature, the jar.
        work = Files.createTempDirectory("socket-lab-nobody");
        List<String> classPath = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path copy = work.resolve("cp").resolve((n++) + "-" + source.getFileName());
            copyTree(source, copy);
            classPath.add(copy.toString());
        }
        Files.createDirectories(work.resolve("features"));
        Files.copy(Path.of("src/test/resources/unprivileged/lab-hosts.feature"),
                work.resolve("features/lab-hosts.feature"));
        Files.copy(jar, work.resolve("socket-lab.jar"));
        Path report = Files.createDirectories(work.resolve("report"));
        try (Stream<Path> all = Files.walk(work)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) || path.equals(report) ? "rwxrwxrwx" : "rw-r--r--"));
            }
        }
        List<String> command = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--",
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", String.join(File.pathSeparator, classPath),
                "-Dlab.report.dir=" + report, "-Dlab.jar=" + work.resolve("socket-lab.jar"),
                "io.cucumber.core.cli.Main", "--glue", "org.socketlab.steps",
                "--plugin", "json:" + report.resolve("cucumber.json"),
                "--plugin", "org.socketlab.report.LabReportPlugin", "features/lab-hosts.feature");
        ChildProcess.Result run = ChildProcess.command(command).directory(work).outputLimit(CONSOLE_LIMIT)
                .run(Duration.ofMinutes(3));
        console = run.output();
        Files.writeString(report.resolve("console.txt"), console);
        assertThat(run.ending().stoppedFor()).as("the run as nobody ends").isEqualTo(Limit.NONE);
        statuses = new LinkedHashMap<>();
        for (JsonNode feature : new ObjectMapper().readTree(report.resolve("cucumber.json").toFile())) {
            for (JsonNode scenario : feature.path("elements")) {
                String status = "passed";
                for (JsonNode step : scenario.path("steps")) {
                    if (!step.path("result").path("status").asText().equals("passed")) {
                        status = step.path("result").path("status").asText();
                        break;
                    }
                }
                statuses.put(scenario.path("name").asText(), status);
            }
        }
        resultsJson = Files.readString(report.resolve("results.json"));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> all = Files.walk(source)) {
            for (Path path : all.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @AfterAll
    static void removeTheCopies() throws IOException {
        if (work != null) {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void theScenariosPassOnLabHostsOfTheirOwn() {
        assertThat(statuses).as(console).containsEntry("The UDP programs on a lab host of their own", "passed")
                .containsEntry("A TCP client refused by a second host where nothing listens", "passed")
                .containsEntry("A server on the second host answers", "passed");
        assertThat(console).contains("socket-lab: each scenario on a lab host of its own");
    }

    @Test
    void packetsWereCapturedAndASecondHostMade() {
        assertThat(resultsJson).contains("Second host: network namespace").contains("\"flags\" : \"S\"")
                .contains("\"flags\" : \"R.\"");
    }
}
