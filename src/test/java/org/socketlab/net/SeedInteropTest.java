package org.socketlab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    private final List<Process> pythons = new ArrayList<>();

    /** Whether python3 runs, asked once; null until asked. */
    private static Boolean pythonRuns;

    /** Checked before each test rather than once, so that every skipped test shows its reason in the report. */
    @BeforeEach
    void needTheSeedAndPython() {
        assumeTrue(Files.isDirectory(SEED),
                "skipped: ../shared/seed/python not found (only present beside the course checkout)");
        if (pythonRuns == null) {
            pythonRuns = pythonRuns();
        }
        assumeTrue(pythonRuns, "skipped: python3 not found (install it to run the seed's programs)");
    }

    @AfterEach
    void stopPython() throws InterruptedException {
        for (Process python : pythons) {
            python.destroyForcibly();
            python.waitFor(5, TimeUnit.SECONDS);
        }
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

    private record PythonRun(int exitCode, String out, String err) {
    }

    /** Runs a seed client to its end, its sentence piped to standard input as if typed. */
    private PythonRun runClient(String script, int port, String sentence) throws Exception {
        Path out = dir.resolve(script + ".out");
        Path err = dir.resolve(script + ".err");
        Process client = python(copy(script, port))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        pythons.add(client);
        try (OutputStream stdin = client.getOutputStream()) {
            stdin.write((sentence + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(client.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("%s ended within %s", script, LIMIT)
                .isTrue();
        return new PythonRun(client.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Starts a seed server and waits until it printed that it is ready, as a person would before the client. */
    private void startServer(String script, int port) throws Exception {
        Process server = python(copy(script, port))
                .redirectError(dir.resolve(script + ".err").toFile())
                .start();
        pythons.add(server);
        server.getOutputStream().close();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // The process was stopped; nothing more to read.
            }
        }, "python-" + script);
        reader.setDaemon(true);
        reader.start();

        String first = lines.poll(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(first).as("%s's first line (stderr: %s)", script, dir.resolve(script + ".err"))
                .isEqualTo("The server is ready to receive");
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
    private static ProcessBuilder python(Path script) {
        ProcessBuilder builder = new ProcessBuilder("python3", "-u", script.toString());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        return builder;
    }

    private static boolean pythonRuns() {
        try {
            Process version = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean ended = version.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                version.destroyForcibly();
            }
            return ended && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
