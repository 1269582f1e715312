package org.socketlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.socketlab.model.Check;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.ProgramRun;
import org.socketlab.model.ScenarioObservations;
import org.socketlab.net.ClientRun;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Commands;
import org.socketlab.programs.ProgramSettings;

/**
 * The student's own programs in the roles of a scenario, through {@link LabScenario}'s public API only: a C client
 * built here with gcc, and small Python and shell programs that misbehave in the ways students' programs do (hang
 * before binding, flood their output, exit at once, wait forever, bind the port written inside them). Each
 * program is written into a temporary project directory and named by a {@code lab.program.ROLE} setting.
 *
 * <p>After every test no process the test started is left: none of the JVM's descendants that work in, or were
 * started on, the test's project directory (other test classes run beside this one, with processes of their own).
 * Its scenarios make no second host, so no network namespace of theirs can be left.
 */
class StudentProgramsTest {
    /** The seed's TCP client in C: connects first, then asks, sends, reads once, prints. */
    private static final String C_TCP_CLIENT = """
            #include <arpa/inet.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <unistd.h>

            int main(int argc, char **argv) {
                int port = argc > 1 ? atoi(argv[1]) : 12000;
                int s = socket(AF_INET, SOCK_STREAM, 0);
                if (s < 0) { perror("socket"); return 1; }
                struct sockaddr_in server;
                memset(&server, 0, sizeof server);
                server.sin_family = AF_INET;
                server.sin_port = htons(port);
                inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
                if (connect(s, (struct sockaddr *) &server, sizeof server) < 0) { perror("connect"); exit(1); }
                char sentence[1024];
                printf("Input lowercase sentence:");
                if (fgets(sentence, sizeof sentence, stdin) == NULL) { return 1; }
                sentence[strcspn(sentence, "\\n")] = '\\0';
                if (send(s, sentence, strlen(sentence), 0) < 0) { perror("send"); return 1; }
                char reply[1024];
                ssize_t n = recv(s, reply, sizeof reply - 1, 0);
                if (n < 0) { perror("recv"); return 1; }
                reply[n] = '\\0';
                printf("From Server: %s\\n", reply);
                close(s);
                return 0;
            }
            """;

    /** The seed's UDP client, port from argv: with no server it blocks in recvfrom for ever. */
    private static final String PY_UDP_CLIENT = """
            import sys
            from socket import *
            port = int(sys.argv[1])
            clientSocket = socket(AF_INET, SOCK_DGRAM)
            message = input('Input lowercase sentence:')
            clientSocket.sendto(message.encode(), ('127.0.0.1', port))
            modifiedMessage, serverAddress = clientSocket.recvfrom(2048)
            print(modifiedMessage.decode())
            clientSocket.close()
            """;

    /** The seed's UDP server: port 12000 written inside it. */
    private static final String PY_UDP_SERVER_12000 = """
            from socket import *
            serverPort = 12000
            serverSocket = socket(AF_INET, SOCK_DGRAM)
            serverSocket.bind(('', serverPort))
            print('The server is ready to receive')
            while True:
                message, clientAddress = serverSocket.recvfrom(2048)
                serverSocket.sendto(message.decode().upper().encode(), clientAddress)
            """;

    /** How long "is it installed?" may take: the compiler's or interpreter's version, or an empty program. */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(30);
    /** The output kept of one program is 1 MiB; the console must stay well under this. */
    private static final long CONSOLE_BOUND = 2L << 20;

    @TempDir
    Path project;

    private Set<Long> processesBefore;

    @BeforeEach
    void rememberProcesses() {
        processesBefore = descendants(project).keySet();
    }

    /** No process a test started outlives its scenario. */
    @AfterEach
    void nothingIsLeft() throws Exception {
        Map<Long, String> left = leftSince(processesBefore, project, Duration.ofSeconds(2));
        assertThat(left).as("processes started by the test and still alive after close()").isEmpty();
    }

    // ---- 1. a TCP client in C ---------------------------------------------------------------------------------

    @Test
    void aCClientGetsItsSentenceBackFromSocketLabsOwnTcpServer() throws Exception {
        Path client = buildCClient();
        try (LabScenario lab = scenario("tcp-client", "./" + project.relativize(client) + " {port}")) {
            lab.startServer(Transport.TCP, 12000); // no lab.program.tcp-server: socket-lab's own server

            ClientRun run = lab.send(Transport.TCP, 12000, "asmaa", false);

            assertThat(run.outcome()).isEqualTo(Outcome.REPLY);
            lab.expectReply("ASMAA");
            lab.expectClientPrints("Input lowercase sentence:asmaa");
            ScenarioObservations seen = lab.recorder().snapshot();
            assertThat(texts(seen, LabScenario.CLIENT)).as("the C client's console, as on a terminal")
                    .containsSubsequence("Input lowercase sentence:asmaa", "From Server: ASMAA");
            assertThat(clientRun(seen).command()).isEqualTo("./tcp_client 12000");
            assertThat(clientRun(seen).message()).isEqualTo("decided by exit status 0 and its output");
            assertThat(seen.checks()).allMatch(Check::met);
        }
    }

    @Test
    void aCClientWithNoServerIsRefusedInItsOwnWords() throws Exception {
        Path client = buildCClient();
        try (LabScenario lab = scenario("tcp-client", "./" + project.relativize(client) + " {port}")) {
            ClientRun run = lab.send(Transport.TCP, 12000, "asmaa", false);

            assertThat(run.outcome()).isEqualTo(Outcome.CONNECTION_REFUSED);
            lab.expectClientFails(Outcome.CONNECTION_REFUSED);
            ScenarioObservations seen = lab.recorder().snapshot();
            ProgramRun recorded = clientRun(seen);
            assertThat(recorded.outcome()).isEqualTo("connection refused");
            assertThat(recorded.exceptionMessage()).as("the line that decided").isEqualTo("connect: Connection refused");
            assertThat(recorded.message()).isEqualTo("decided by exit status 1 and the program's words (C (perror))");
            assertThat(texts(seen, LabScenario.CLIENT)).as("refused at connect, before the prompt")
                    .contains("connect: Connection refused")
                    .noneMatch(line -> line.contains("Input lowercase sentence"));
            assertThat(seen.checks()).singleElement().satisfies(check -> {
                assertThat(check.met()).isTrue();
                assertThat(check.observed()).contains("connect: Connection refused");
            });
        }
    }

    /**
     * A second client of the same role in one scenario is read by its own words, not by the first one's. Disabled:
     * ExternalProgram's ending reads the whole role console (every client of the scenario), so the first client's
     * "connect: Connection refused" decides the second one's ending, though it exited 0 with the reply.
     */
    @Test
    void aSecondClientIsReadByItsOwnWordsNotTheFirstOnes() throws Exception {
        Path client = buildCClient();
        try (LabScenario lab = scenario("tcp-client", "./" + project.relativize(client) + " {port}")) {
            assertThat(lab.send(Transport.TCP, 12000, "asmaa", false).outcome()).isEqualTo(Outcome.CONNECTION_REFUSED);
            lab.startServer(Transport.TCP, 12000);

            ClientRun second = lab.send(Transport.TCP, 12000, "asmaa", false);

            assertThat(texts(lab.recorder().snapshot(), LabScenario.CLIENT)).contains("From Server: ASMAA");
            assertThat(second.outcome()).as("the second client printed the reply and exited 0")
                    .isEqualTo(Outcome.REPLY);
            lab.expectReply("ASMAA");
        }
    }

    // ---- 2. a server that never binds ------------------------------------------------------------------------

    @Test
    void aServerThatNeverBindsFailsTheStepAtTheReadinessBoundAndLeavesNoProcess() throws Exception {
        assumePython();
        try (ProcessWatch watch = new ProcessWatch(processesBefore, project)) {
            // The bound is a setting (10 s unless set); a short one keeps the test short and shows it is read.
            Properties settings = new Properties();
            settings.setProperty(ProgramSettings.PREFIX + "udp-server", "python3 -c 'import time; time.sleep(1000)'");
            settings.setProperty(ProgramSettings.READY_WITHIN, "1500ms");
            LabScenario lab = new LabScenario(new ScenarioRecorder(),
                    ProgramSettings.load(project, Path.of("features"), settings));
            long started = System.nanoTime();
            try {
                assertThatThrownBy(() -> lab.startServer(Transport.UDP, 12000))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("the udp-server (python3 -c 'import time; time.sleep(1000)')")
                        .hasMessageContaining("did not bind 12000/udp within 1.5s (lab.readyWithin)");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(took).as("the readiness bound, lab.readyWithin=1500ms").isBetween(
                        Duration.ofMillis(1400), Duration.ofMillis(4500));
            } finally {
                lab.close();
            }
            Map<Long, String> seen = watch.stop();
            assertThat(seen.values()).as("the sleeping server was seen running while the lab waited")
                    .anyMatch(command -> command.contains("time.sleep(1000)"));
            assertThat(stillAlive(seen.keySet())).as("processes of the never-bound server after close()").isEmpty();
        }
    }

    // ---- 3. a client that floods its output ------------------------------------------------------------------

    @Test
    void aClientThatFloodsItsOutputIsStoppedAtTheOutputLimit() throws Exception {
        assumePython();
        try (LabScenario lab = scenario("udp-client", "python3 -c 'while True: print(\"x\" * 100)' {port}")) {
            long started = System.nanoTime();
            ClientRun run = lab.send(Transport.UDP, 12000, "asmaa", false);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(run.outcome()).isNotEqualTo(Outcome.REPLY).isEqualTo(Outcome.IO_ERROR);
            assertThat(took).as("the step ends").isLessThan(Duration.ofSeconds(20));
            ScenarioObservations seen = lab.recorder().snapshot();
            assertThat(clientRun(seen).message()).isEqualTo("decided by stopped at its output limit");
            List<ConsoleLine> console = seen.consoles().get(LabScenario.CLIENT);
            long kept = console.stream().mapToLong(line -> line.text().length() + 1).sum();
            assertThat(kept).as("characters of the client's console kept").isLessThan(CONSOLE_BOUND)
                    .isGreaterThan(10_000);
            assertThat(console).as("the flood is what was kept")
                    .anyMatch(line -> line.text().equals("x".repeat(100)));
            assertThatThrownBy(() -> lab.expectReply("ASMAA")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("stopped at its output limit");
        }
    }

    // ---- 4. a client that exits at once ----------------------------------------------------------------------

    @Test
    void aClientThatExitsAtOnceSilentlyIsAnIoErrorNamingItsStatus() throws Exception {
        try (LabScenario lab = scenario("udp-client", "sh -c 'exit 3' {port}")) {
            ClientRun run = lab.send(Transport.UDP, 12000, "asmaa", false);

            assertThat(run.outcome()).isEqualTo(Outcome.IO_ERROR);
            lab.expectClientFails(Outcome.IO_ERROR);
            ScenarioObservations seen = lab.recorder().snapshot();
            ProgramRun recorded = clientRun(seen);
            assertThat(recorded.exceptionMessage()).isEqualTo("(it printed nothing)");
            assertThat(recorded.message()).contains("exit status 3");
            assertThat(seen.checks()).singleElement().satisfies(check ->
                    assertThat(check.observed()).contains("(it printed nothing)").contains("exit status 3"));
        }
    }

    // ---- 5. a UDP client that never ends ---------------------------------------------------------------------

    @Test
    void aUdpClientWaitingForeverIsStoppedAfterTheClientTimeoutAsStillWaiting() throws Exception {
        assumePython();
        Files.writeString(project.resolve("udp_client.py"), PY_UDP_CLIENT);
        try (LabScenario lab = scenario("udp-client", "python3 udp_client.py {port}")) {
            lab.clientTimeout(Duration.ofMillis(500));
            long started = System.nanoTime();
            ClientRun run = lab.send(Transport.UDP, 12000, "asmaa", false);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            lab.expectNoReplyWithin(Duration.ofMillis(500));
            assertThat(run.outcome()).isEqualTo(Outcome.NO_REPLY);
            assertThat(took).as("well under the 60 s limit").isLessThan(Duration.ofSeconds(10));
            ScenarioObservations seen = lab.recorder().snapshot();
            assertThat(clientRun(seen).message())
                    .isEqualTo("decided by the lab stopped it: it was still waiting for a reply");
            assertThat(texts(seen, LabScenario.CLIENT)).as("the sentence was typed at the prompt")
                    .contains("Input lowercase sentence:asmaa");
            assertThat(seen.checks()).singleElement().satisfies(check -> assertThat(check.met()).isTrue());
        }
    }

    // ---- 6. a server with its port written inside it ---------------------------------------------------------

    @Test
    void aServerWithItsPortWrittenInsideItSkipsAScenarioThatNeedsAnotherPort() throws Exception {
        assumePython();
        assumeTrue(LabScenario.isolated(), () -> "binds the real port 12000, so only on a lab host of its own: "
                + LabScenario.isolation().note());
        Files.writeString(project.resolve("udp_server.py"), PY_UDP_SERVER_12000);
        try (LabScenario lab = scenario("udp-server", "python3 udp_server.py")) {
            assertThatThrownBy(() -> lab.startServer(Transport.UDP, 4000))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("listens on 12000/udp; this scenario needs it on 4000/udp: pass the "
                            + "port with {port}");
            assertThat(lab.recorder().snapshot().notes())
                    .anyMatch(note -> note.startsWith("Skipped: ") && note.contains("pass the port with {port}"));
        }
        // The same program where the scenario needs 12000: it works, so the skip above was for the port alone.
        try (LabScenario lab = scenario("udp-server", "python3 udp_server.py")) {
            lab.startServer(Transport.UDP, 12000);
            lab.send(Transport.UDP, 12000, "asmaa", false);
            lab.expectReply("ASMAA");
        }
    }

    @Test
    void programsThatTakeThePortRunQuestionCWhereTheSeedsCannot() throws Exception {
        assumePython();
        // The seed's programs with the port taken from the command line instead of written inside.
        Files.writeString(project.resolve("udp_server.py"), PY_UDP_SERVER_12000
                .replace("from socket import *", "from socket import *\nimport sys")
                .replace("serverPort = 12000", "serverPort = int(sys.argv[1])"));
        Properties settings = new Properties();
        settings.setProperty(ProgramSettings.PREFIX + "udp-server", "python3 udp_server.py {port}");
        try (LabScenario lab = new LabScenario(new ScenarioRecorder(),
                ProgramSettings.load(project, Path.of("features"), settings))) {
            lab.startServer(Transport.UDP, 4000);
            lab.send(Transport.UDP, 4000, "asmaa", false);
            lab.expectReply("ASMAA");
            lab.clientTimeout(Duration.ofMillis(500));
            lab.expectNoServer(Transport.UDP, 12000);
            lab.send(Transport.UDP, 12000, "asmaa", false);
            lab.expectNoReplyWithin(Duration.ofMillis(500));
            assertThat(lab.recorder().snapshot().runs()).anyMatch(run -> run.command()
                    .equals("python3 udp_server.py " + lab.realPort(4000)));
        }
    }

    // ---- 7. lab.requirePrograms: an empty submission earns nothing --------------------------------------------

    @Test
    void withProgramsRequiredARoleWithNoProgramSkipsTheStepAndNamesTheRole() throws Exception {
        Properties settings = new Properties();
        settings.setProperty(ProgramSettings.REQUIRE_PROGRAMS, "true");
        try (LabScenario lab = new LabScenario(new ScenarioRecorder(),
                ProgramSettings.load(project, Path.of("features"), settings))) {
            assertThatThrownBy(() -> lab.startServer(Transport.TCP, 12000))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessage("no program named for the role tcp-server (lab.requirePrograms=true)");
            assertThatThrownBy(() -> lab.send(Transport.UDP, 12000, "asmaa", false))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessage("no program named for the role udp-client (lab.requirePrograms=true)");
            assertThat(lab.recorder().snapshot().notes()).contains(
                    "Skipped: no program named for the role tcp-server (lab.requirePrograms=true).");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A scenario whose one student's program plays {@code role}, run from the temporary project directory. */
    private LabScenario scenario(String role, String command) throws Exception {
        Properties settings = new Properties();
        settings.setProperty(ProgramSettings.PREFIX + role, command);
        return new LabScenario(new ScenarioRecorder(), ProgramSettings.load(project, Path.of("features"), settings));
    }

    private Path buildCClient() throws Exception {
        assumeTrue(Commands.runs(List.of("gcc", "--version"), CHECK_WAIT),
                "gcc is not installed (apt-get install gcc)");
        Path source = Files.writeString(project.resolve("tcp_client.c"), C_TCP_CLIENT);
        Path binary = project.resolve("tcp_client");
        ChildProcess.Result gcc = ChildProcess.command(List.of("gcc", "-Wall", "-o", binary.toString(),
                source.toString())).run(Duration.ofSeconds(60));
        assertThat(gcc.succeeded()).as("gcc: " + gcc.output()).isTrue();
        return binary;
    }

    private static void assumePython() {
        assumeTrue(Commands.runs(List.of("python3", "-c", "pass"), CHECK_WAIT),
                "python3 is not installed (apt-get install python3)");
    }

    private static ProgramRun clientRun(ScenarioObservations seen) {
        List<ProgramRun> clients = seen.runs().stream().filter(run -> run.role().equals(LabScenario.CLIENT)).toList();
        assertThat(clients).as("the client's recorded runs").hasSize(1);
        return clients.get(0);
    }

    private static List<String> texts(ScenarioObservations seen, String role) {
        return seen.consoles().getOrDefault(role, List.of()).stream().map(ConsoleLine::text).toList();
    }

    /**
     * This JVM's descendants now that belong to the test: those working in its project directory (the programs) or
     * started on it (nsenter's {@code --wd}, gcc): pid to command line.
     */
    private static Map<Long, String> descendants(Path project) {
        Map<Long, String> found = new LinkedHashMap<>();
        ProcessHandle.current().descendants().filter(handle -> ofProject(handle, project))
                .forEach(handle -> found.put(handle.pid(), describe(handle)));
        return found;
    }

    private static boolean ofProject(ProcessHandle handle, Path project) {
        try {
            if (Files.readSymbolicLink(Path.of("/proc", Long.toString(handle.pid()), "cwd")).startsWith(project)) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException gone) {
            // ended meanwhile, or not Linux: its command line may still say
        }
        return describe(handle).contains(project.toString());
    }

    private static String describe(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        return info.commandLine().orElseGet(() -> info.command().orElse("?"));
    }

    /**
     * The descendants not there before, after waiting at most {@code grace} for them to go (a killed child is
     * listed until the JDK has reaped it).
     */
    private static Map<Long, String> leftSince(Set<Long> before, Path project, Duration grace)
            throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            Map<Long, String> left = new LinkedHashMap<>(descendants(project));
            left.keySet().removeAll(before);
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(20);
        }
    }

    private static List<Long> stillAlive(Set<Long> pids) {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .collect(Collectors.toList());
    }

    /** Samples this JVM's new descendants on a thread of its own, so processes a step starts and ends are seen. */
    private static final class ProcessWatch implements AutoCloseable {
        private final Set<Long> before;
        private final Path project;
        private final Map<Long, String> seen = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        ProcessWatch(Set<Long> before, Path project) {
            this.before = before;
            this.project = project;
            this.thread = new Thread(this::sample, "process-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (running.get()) {
                descendants(project).forEach((pid, command) -> {
                    if (!before.contains(pid)) {
                        seen.merge(pid, command, (old, now) -> old.length() >= now.length() ? old : now);
                    }
                });
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Stops sampling; every new process seen, pid to its longest command line seen. */
        Map<Long, String> stop() throws InterruptedException {
            running.set(false);
            thread.join(2000);
            return new LinkedHashMap<>(seen);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
