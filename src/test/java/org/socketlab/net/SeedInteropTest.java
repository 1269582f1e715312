package org.socketlab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.ChildProcessBuilder;
import org.socketlab.programs.Commands;
import org.socketlab.programs.Ending;

/**
 * Wire compatibility with the seed, both ways: the seed's own Python programs, run with {@code python3}, against
 * the Java servers and clients, with the console output of the seed's screenshots. The scripts are copied into a
 * temporary directory with the port changed to a free one.
 */
class SeedInteropTest {
    /** The seed beside the project: present in the course checkout, absent from a user's clone. */
    private static final Path SEED = Path.of("..", "shared", "seed", "python");
    private static final Duration LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final List<ChildProcess> pythons = new ArrayList<>();

    /** Whether python3 runs, asked once; null until asked. */
    private static Boolean pythonRuns;

    /** Checked before each test rather than once, so that every skipped test shows its reason in the report. */
    @BeforeEach
    void needTheSeedAndPython() {
        assumeTrue(Files.isDirectory(SEED),
                "skipped: ../shared/seed/python not found (only present beside the course checkout)");
        if (pythonRuns == null) {
            pythonRuns = Commands.runs(List.of("python3", "--version"), Duration.ofSeconds(10));
        }
        assumeTrue(pythonRuns, "skipped: python3 not found (install it to run the seed's programs)");
    }

    @AfterEach
    void stopPython() {
        pythons.forEach(ChildProcess::close);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "asmaa gamal nagy | ASMAA GAMAL NAGY",
        "straße ناجي      | STRASSE ناجي"})
    void seedUdpClientToJavaUdpServer(String sentence, String reply) throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            PythonRun client = runClient("udp_client.py", server.port(), sentence);

            // The sentence is not in the output: on a pipe, nothing echoes what input() reads.
            assertThat(client.out()).isEqualTo("Input lowercase sentence:" + reply + "\n");
            assertThat(client.exitCode()).as(client.err()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "asmaa gamal nagy | ASMAA GAMAL NAGY",
        "straße ناجي      | STRASSE ناجي"})
    void seedTcpClientToJavaTcpServer(String sentence, String reply) throws Exception {
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            PythonRun client = runClient("tcp_client.py", server.port(), sentence);

            assertThat(client.out()).isEqualTo("Input lowercase sentence:From Server: " + reply + "\n");
            assertThat(client.exitCode()).as(client.err()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "asmaa gamal nagy | ASMAA GAMAL NAGY",
        "straße ناجي      | STRASSE ناجي"})
    void javaUdpClientToSeedUdpServer(String sentence, String reply) throws Exception {
        int port = Loopback.freePort(Transport.UDP);
        startServer("udp_server.py", port);

        RecordingTerminal console = new RecordingTerminal(sentence);
        ClientRun run = ClientProgram.run(Transport.UDP, ClientOptions.to(Loopback.HOST, port), console);

        assertThat(console.out()).isEqualTo("Input lowercase sentence:" + reply + "\n");
        assertThat(run.outcome()).as(console.err()).isEqualTo(Outcome.REPLY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "asmaa gamal nagy | ASMAA GAMAL NAGY",
        "straße ناجي      | STRASSE ناجي"})
    void javaTcpClientToSeedTcpServer(String sentence, String reply) throws Exception {
        int port = Loopback.freePort(Transport.TCP);
        startServer("tcp_server.py", port);

        RecordingTerminal console = new RecordingTerminal(sentence);
        ClientRun run = ClientProgram.run(Transport.TCP, ClientOptions.to(Loopback.HOST, port), console);

        assertThat(console.out()).isEqualTo("Input lowercase sentence:From Server: " + reply + "\n");
        assertThat(run.outcome()).as(console.err()).isEqualTo(Outcome.REPLY);
    }

    private record PythonRun(Integer exitCode, String out, String err) {
    }

    /** What a program printed on each stream, each line followed by {@code \n}. */
    private static final class Printed implements ChildProcess.OutputListener {
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder err = new StringBuilder();

        @Override
        public synchronized void line(ChildProcess.Stream stream, String text) {
            (stream == ChildProcess.Stream.OUT ? out : err).append(text).append('\n');
        }

        synchronized String out() {
            return out.toString();
        }

        synchronized String err() {
            return err.toString();
        }
    }

    /** Runs a seed client to its end, its sentence piped to standard input as if typed. */
    private PythonRun runClient(String script, int port, String sentence) throws Exception {
        Printed printed = new Printed();
        ChildProcess client = python(copy(script, port)).onLine(printed).start();
        pythons.add(client);
        client.type(sentence);
        client.closeInput();
        Optional<Ending> ending = client.awaitExit(LIMIT);
        assertThat(ending).as("%s ended within %s", script, LIMIT).isPresent();
        return new PythonRun(ending.get().exitCode(), printed.out(), printed.err());
    }

    /** Starts a seed server and waits until it printed that it is ready, as a person would before the client. */
    private void startServer(String script, int port) throws Exception {
        Printed printed = new Printed();
        ChildProcess server = python(copy(script, port)).onLine(printed).start();
        pythons.add(server);
        server.closeInput();
        server.awaitOutput(() -> !printed.out().isEmpty(), LIMIT);
        assertThat(printed.out().lines().findFirst()).as("%s's first line (stderr: %s)", script, printed.err())
                .contains("The server is ready to receive");
    }

    /** The seed's script with its port changed, in the temporary directory. */
    private Path copy(String script, int port) throws IOException {
        String text = Files.readString(SEED.resolve(script), StandardCharsets.UTF_8);
        assertThat(text).as("the seed's %s sets its port as the assignment shows", script)
                .contains("serverPort = 12000");
        Path copy = dir.resolve(script);
        Files.writeString(copy, text.replace("serverPort = 12000", "serverPort = " + port), StandardCharsets.UTF_8);
        return copy;
    }

    /** python3 unbuffered (-u), so a ready line arrives when printed, with UTF-8 on its standard streams. */
    private static ChildProcessBuilder python(Path script) {
        return ChildProcess.command(List.of("python3", "-u", script.toString()))
                .environment("PYTHONIOENCODING", "utf-8");
    }
}
