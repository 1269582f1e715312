package org.socketlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Limit;
import org.socketlab.report.ReportFixture;
import org.socketlab.report.ReportJson;

/**
 * The shaded jar as a student runs it ({@code java -jar target/socket-lab.jar}): what unit tests on the class
 * path cannot see, such as a manifest that loses the multi-release classes Freemarker reads records with.
 */
class JarIT {
    private static final Path JAR = Path.of(System.getProperty("lab.jar", "target/socket-lab.jar"));

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ChildProcess.Result result = ChildProcess.command(command).run(Duration.ofSeconds(60));
        assertThat(result.ending().stoppedFor()).as("finished: %s", command).isEqualTo(Limit.NONE);
        return new Run(result.ending().exitCode(), result.output());
    }

    @Test
    void listsEverySubcommand() throws Exception {
        Run help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("udp-server", "udp-client", "tcp-server", "tcp-client", "line-server",
                "proxy", "report");
    }

    @Test
    void reRendersTheReportFromResultsJsonAlone(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.json");
        ReportJson.write(ReportFixture.report(), results);

        Run report = run("report", results.toString(), "--out", dir.resolve("out").toString());

        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(Files.readString(dir.resolve("out/index.html"))).contains("Summary").contains("</html>");
    }

    @Test
    void aClientWithNoServerSaysSoAndExitsWithItsCode() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Run client = run("tcp-client", "--port", String.valueOf(port), "--message", "asmaa");

        assertThat(client.exitCode()).isEqualTo(3);
        assertThat(client.output()).startsWith("error: nothing is listening on 127.0.0.1:" + port + "/tcp");
    }
}
