package org.socketlab.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.programs.ChildProcess.WaitResult;

/** {@link ChildProcess} on real programs: Python, sh, yes, java. Skipped, with the reason, where one is missing. */
class ChildProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static Boolean pythonRuns;

    @TempDir
    Path dir;

    private final Console console = new Console();

    /** What the listener received, in order, and a queue to wait for the next line on. */
    private static final class Console implements ChildProcess.OutputListener {
        final List<Line> lines = new ArrayList<>();
        final BlockingQueue<Line> arrivals = new LinkedBlockingQueue<>();

        @Override
        public synchronized void line(ChildProcess.Stream stream, String text) {
            Line line = new Line(stream, text);
            lines.add(line);
            arrivals.add(line);
        }

        synchronized List<Line> all() {
            return List.copyOf(lines);
        }

        synchronized List<String> texts(ChildProcess.Stream stream) {
            return lines.stream().filter(line -> line.stream() == stream).map(Line::text).toList();
        }

        Line next() throws InterruptedException {
            Line line = arrivals.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).as("a line within %s", WAIT).isNotNull();
            return line;
        }
    }

    private record Line(ChildProcess.Stream stream, String text) {
    }

    private Path script(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private ChildProcessBuilder python(Path script) {
        assumeTrue(pythonRuns(), "python3 is not installed (apt-get install python3)");
        return ChildProcess.command(List.of("python3", script.toString())).onLine(console);
    }

    private static synchronized boolean pythonRuns() {
        if (pythonRuns == null) {
            pythonRuns = Commands.runs(List.of("python3", "-c", "pass"), WAIT);
        }
        return pythonRuns;
    }

    @Test
    void onATerminalThePromptShowsAndTheTypedLineIsEchoedAfterIt() throws Exception {
        Path client = script("client.py", "import sys",
                "sentence = input('Input lowercase sentence:')",
                "print(sentence.upper())",
                "print('done', file=sys.stderr)");
        try (ChildProcess python = python(client).terminal(true).start()) {
            assertThat(python.awaitInputWanted(WAIT)).isIn(WaitResult.PROMPT, WaitResult.READING_INPUT);
            python.type("asmaa");
            Ending ending = python.awaitExit(WAIT).orElseThrow();
            assertThat(ending.exitCode()).isZero();
            assertThat(ending.stoppedFor()).isEqualTo(Limit.NONE);
        }
        // Python's input() writes its prompt to stderr when on a terminal; the echo completes that line.
        assertThat(console.all()).containsSubsequence(
                new Line(ChildProcess.Stream.ERR, "Input lowercase sentence:asmaa"),
                new Line(ChildProcess.Stream.OUT, "ASMAA"));
        assertThat(console.texts(ChildProcess.Stream.OUT)).containsExactly("ASMAA");
        assertThat(console.texts(ChildProcess.Stream.ERR)).containsExactly("Input lowercase sentence:asmaa", "done");
    }

    @Test
    void eachPromptIsAnsweredInItsTurn() throws Exception {
        Path twice = script("twice.py", "a = input('first:')", "b = input('second:')", "print(a + b)");
        try (ChildProcess python = python(twice).terminal(true).start()) {
            for (String answer : List.of("x", "y")) {
                assertThat(python.awaitInputWanted(WAIT)).isIn(WaitResult.PROMPT, WaitResult.READING_INPUT);
                python.type(answer);
            }
            assertThat(python.awaitExit(WAIT).orElseThrow().exitCode()).isZero();
        }
        // Typed too early, the second line's echo would come before "second:".
        assertThat(console.all()).extracting(Line::text).containsExactly("first:x", "second:y", "xy");
    }

    @Test
    void aCProgramsPromptOnStandardOutputIsEchoedAfterToo() throws Exception {
        assumeTrue(Commands.runs(List.of("gcc", "--version"), WAIT), "gcc is not installed (apt-get install gcc)");
        Path source = script("client.c", "#include <stdio.h>", "#include <ctype.h>", "int main(void) {",
                "    char line[100];",
                "    printf(\"Input lowercase sentence:\");",
                "    if (!fgets(line, sizeof line, stdin)) return 1;",
                "    for (char *c = line; *c; c++) *c = toupper(*c);",
                "    printf(\"%s\", line);",
                "    return 0;",
                "}");
        Path binary = dir.resolve("client");
        try (ChildProcess gcc = ChildProcess.command(List.of("gcc", "-o", binary.toString(), source.toString()))
                .onLine(console).start()) {
            assertThat(gcc.awaitExit(WAIT).orElseThrow().exitCode()).as("gcc: %s", console.all()).isZero();
        }
        try (ChildProcess c = ChildProcess.command(List.of(binary.toString())).terminal(true).onLine(console).start()) {
            // No fflush: stdout on a terminal is line-buffered, and reading stdin flushes it.
            assertThat(c.awaitInputWanted(WAIT)).isIn(WaitResult.PROMPT, WaitResult.READING_INPUT);
            c.type("asmaa");
            assertThat(c.awaitExit(WAIT).orElseThrow().exitCode()).isZero();
        }
        assertThat(console.texts(ChildProcess.Stream.OUT)).containsExactly("Input lowercase sentence:asmaa", "ASMAA");
    }

    @ParameterizedTest(name = "terminal {0}")
    @ValueSource(booleans = {false, true})
    void aLinePrintedBeforeBlockingArrivesAtOnceOnlyOnATerminal(boolean terminal) throws Exception {
        assumeTrue(Set.of("amd64", "aarch64").contains(System.getProperty("os.arch")), "read(0) is seen in /proc");
        Path server = script("server.py", "import sys", "print('The server is ready to receive')", "sys.stdin.read()");
        // This machine's PYTHONUNBUFFERED=1 (if set) would hide the difference.
        try (ChildProcess python = python(server).environment("PYTHONUNBUFFERED", null).terminal(terminal).start()) {
            // Blocked in read: the print has run. Through a pipe, Python still holds the line in its buffer.
            Line first = terminal ? console.next() : null;
            assertThat(python.awaitInputWanted(WAIT)).isEqualTo(WaitResult.READING_INPUT);
            assertThat(python.isAlive()).isTrue();
            if (terminal) {
                assertThat(first).isEqualTo(new Line(ChildProcess.Stream.OUT, "The server is ready to receive"));
            } else {
                assertThat(console.texts(ChildProcess.Stream.OUT)).isEmpty();
            }
            python.closeInput();
            assertThat(python.awaitExit(WAIT).orElseThrow().exitCode()).isZero();
        }
        assertThat(console.texts(ChildProcess.Stream.OUT)).containsExactly("The server is ready to receive");
    }

    @Test
    void aProgramThatHangsIsKilledAtItsTimeLimitWithWhatItStarted() throws Exception {
        // The background sleep's pid comes first; the shell then waits on the foreground sleep.
        try (ChildProcess shell = ChildProcess.command(List.of("sh", "-c", "sleep 1000 & echo $!; sleep 1000"))
                .onLine(console).timeLimit(Duration.ofMillis(500)).start()) {
            long background = Long.parseLong(console.next().text());
            assertThat(ProcessHandle.of(background)).isPresent();
            Ending ending = shell.awaitExit(WAIT).orElseThrow();
            assertThat(ending.stoppedFor()).isEqualTo(Limit.TIME);
            assertThat(ending.exitCode()).isNull();
            assertThat(ending.ran()).isBetween(Duration.ofMillis(500), WAIT);
            assertThat(leftRunning(background)).as("the background sleep").isEmpty();
        }
    }

    @ParameterizedTest(name = "terminal {0}")
    @ValueSource(booleans = {false, true})
    void aFloodOfOutputIsCutAtTheLimitAndStopsTheProgram(boolean terminal) throws Exception {
        long limit = 64 * 1024;
        long[] kept = new long[2]; // bytes, lines
        String line = "flood".repeat(20); // 100 characters: the bytes reach the limit before the lines do
        try (ChildProcess yes = ChildProcess.command(List.of("yes", line)).terminal(terminal)
                .outputLimit(limit).onLine((stream, text) -> {
                    kept[0] += text.length() + 1;
                    kept[1]++;
                }).start()) {
            Ending ending = yes.awaitExit(WAIT).orElseThrow();
            assertThat(ending.stoppedFor()).isEqualTo(Limit.OUTPUT);
            assertThat(ending.exitCode()).isNull();
            assertThat(ending.droppedBytes()).isPositive();
            assertThat(yes.isAlive()).isFalse();
        }
        // Each line is the 100 characters and "\n" ("\r\n" on a terminal); the last one is cut and has no newline.
        assertThat(kept[0]).isBetween(limit / 2, limit + 1);
        assertThat(kept[1]).isLessThan(limit / 64);
    }

    @Test
    void aFloodOfShortLinesIsCutAtOneLinePer64BytesOfTheLimit() throws Exception {
        long limit = 64 * 1024;
        long[] lines = new long[1];
        try (ChildProcess yes = ChildProcess.command(List.of("yes", "y")).outputLimit(limit)
                .onLine((stream, text) -> lines[0]++).start()) {
            Ending ending = yes.awaitExit(WAIT).orElseThrow();
            assertThat(ending.stoppedFor()).isEqualTo(Limit.OUTPUT);
            assertThat(ending.droppedBytes()).isPositive();
        }
        // "y\n" is 2 bytes: 32,768 lines would fit the limit's bytes, but each line kept counts for 64 of them.
        assertThat(lines[0]).isEqualTo(limit / 64);
    }

    @Test
    void runGivesTheExitCodeAndBothStreamsWithTheInputClosed() throws Exception {
        // cat would wait for input until the bound: run closes it at once.
        ChildProcess.Result result = ChildProcess.command(List.of("sh", "-c", "echo out; cat; echo err >&2; exit 3"))
                .onLine(console).run(WAIT);

        assertThat(result.ending()).extracting(Ending::exitCode, Ending::stoppedFor).containsExactly(3, Limit.NONE);
        assertThat(result.ending().ran()).isLessThan(WAIT);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.output().lines()).containsExactlyInAnyOrder("out", "err");
        assertThat(result.output()).endsWith("\n");
        assertThat(console.all()).containsExactlyInAnyOrder(new Line(ChildProcess.Stream.OUT, "out"),
                new Line(ChildProcess.Stream.ERR, "err"));
        assertThat(ChildProcess.command(List.of("true")).run(WAIT).succeeded()).isTrue();
    }

    @Test
    void runKillsACommandStillRunningAtItsBoundWithWhatItStarted() throws Exception {
        ChildProcess.Result result = ChildProcess.command(List.of("sh", "-c", "sleep 1000 & echo $!; sleep 1000"))
                .run(Duration.ofMillis(500));

        assertThat(result.ending()).extracting(Ending::exitCode, Ending::stoppedFor).containsExactly(null, Limit.TIME);
        assertThat(result.ending().ran()).isBetween(Duration.ofMillis(500), WAIT);
        // The shell may say "Killed" of its foreground sleep, which dies first.
        long background = Long.parseLong(result.output().lines().findFirst().orElseThrow());
        assertThat(leftRunning(background)).as("the background sleep").isEmpty();
    }

    @Test
    void awaitOutputReturnsOnceTheListenerHasTheLineOrTheProgramHasEnded() throws Exception {
        List<String> command = List.of("sh", "-c", "echo one; sleep 0.2; echo ready; sleep 1000");
        try (ChildProcess ready = ChildProcess.command(command).onLine(console).start()) {
            assertThat(ready.awaitOutput(() -> console.texts(ChildProcess.Stream.OUT).contains("ready"), WAIT))
                    .isTrue();
            assertThat(ready.awaitOutput(() -> false, Duration.ofMillis(100))).as("still running").isFalse();
            assertThat(ready.isAlive()).isTrue();
        }
        long started = System.nanoTime();
        try (ChildProcess bye = ChildProcess.command(List.of("sh", "-c", "echo bye")).onLine(console).start()) {
            assertThat(bye.awaitOutput(() -> false, WAIT)).isFalse();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("returned at the exit").isLessThan(WAIT);
        assertThat(console.texts(ChildProcess.Stream.OUT)).containsExactly("one", "ready", "bye");
    }

    @Test
    void aProgramThatExitsGivesItsExitCodeAndASignalGives128PlusIt() throws Exception {
        try (ChildProcess three = ChildProcess.command(List.of("sh", "-c", "exit 3")).start();
                ChildProcess terminated = ChildProcess.command(List.of("sh", "-c", "kill -TERM $$")).start()) {
            assertThat(three.awaitExit(WAIT).orElseThrow()).extracting(Ending::exitCode, Ending::stoppedFor)
                    .containsExactly(3, Limit.NONE);
            assertThat(terminated.awaitExit(WAIT).orElseThrow().exitCode()).isEqualTo(128 + 15);
        }
    }

    @Test
    void aCommandThatDoesNotExistIsAnIOExceptionNamingIt() {
        assertThatThrownBy(() -> ChildProcess.command(List.of("no-such-program-xyz", "--flag")).start())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-program-xyz --flag").hasMessageContaining("No such file");
        assertThatThrownBy(() -> ChildProcess.command(List.of("no-such-program-xyz")).memoryLimit(1 << 30).start())
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-program-xyz");
    }

    @Test
    void aMemoryHogEndsWithMemoryUnderItsLimit() throws Exception {
        Path hog = script("hog.py", "b = bytearray(4 * 1024 ** 3)", "print('allocated')");
        try (ChildProcess python = python(hog).memoryLimit(256L << 20).start()) {
            Ending ending = python.awaitExit(WAIT).orElseThrow();
            assertThat(ending.stoppedFor()).isEqualTo(Limit.MEMORY);
            assertThat(ending.exitCode()).isNotZero();
        }
        assertThat(console.texts(ChildProcess.Stream.OUT)).doesNotContain("allocated");
        assertThat(console.texts(ChildProcess.Stream.ERR)).contains("MemoryError");
    }

    @Test
    void aCrashUnderTheMemoryLimitIsTheCrashItIsNotTheLimit() throws Exception {
        // A SIGSEGV of a program that printed nothing about memory: a NULL pointer, not a failed allocation.
        Path crash = script("crash.py", "import os, signal", "os.kill(os.getpid(), signal.SIGSEGV)");
        try (ChildProcess python = python(crash).memoryLimit(ChildProcess.STUDENT_MEMORY_LIMIT).start()) {
            Ending ending = python.awaitExit(WAIT).orElseThrow();
            assertThat(ending.stoppedFor()).isEqualTo(Limit.NONE);
            assertThat(ending.exitCode()).isEqualTo(128 + 11);
        }
    }

    @Test
    void javaAndPythonRunUnderTheStudentMemoryLimit() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (ChildProcess version = ChildProcess.command(List.of(java.toString(), "-version")).onLine(console)
                .memoryLimit(ChildProcess.STUDENT_MEMORY_LIMIT).start()) {
            assertThat(version.awaitExit(WAIT).orElseThrow()).extracting(Ending::exitCode, Ending::stoppedFor)
                    .containsExactly(0, Limit.NONE);
        }
        assertThat(console.texts(ChildProcess.Stream.ERR)).anyMatch(line -> line.contains("version"));
        try (ChildProcess python = python(script("pass.py", "print('ok')"))
                .memoryLimit(ChildProcess.STUDENT_MEMORY_LIMIT).start()) {
            assertThat(python.awaitExit(WAIT).orElseThrow().exitCode()).isZero();
        }
    }

    @Test
    void theJvmKeepsNoCopyOfTheTerminalAndCloseStopsTheProgramOnce() throws Exception {
        ChildProcess sleep = ChildProcess.command(List.of("sleep", "1000")).terminal(true).start();
        // Its own terminal only: other test classes may hold terminals of their programs meanwhile.
        String itsTerminal = Files.readSymbolicLink(Path.of("/proc", Long.toString(sleep.pid()), "fd", "0")).toString();
        assertThat(itsTerminal).startsWith("/dev/pts/");
        assertThat(terminalsThisJvmHolds()).as("/dev/pts files open in this JVM").doesNotContain(itsTerminal);
        assertThat(sleep.isAlive()).isTrue();
        sleep.close();
        assertThat(sleep.isAlive()).isFalse();
        assertThat(sleep.awaitExit(Duration.ZERO).orElseThrow().stoppedFor()).isEqualTo(Limit.STOPPED);
        sleep.close();
    }

    @Test
    void aJvmThatLeadsItsSessionSurvivesClosingATerminal() throws Exception {
        // Such a JVM (under setsid, or first in a container) would adopt the terminal and die of its hang-up.
        assumeTrue(Commands.runs(List.of("setsid", "--version"), WAIT), "setsid (util-linux) is not installed");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (ChildProcess leader = ChildProcess.command(List.of("setsid", "-w", java.toString(), "-cp",
                System.getProperty("java.class.path"), SessionLeader.class.getName())).onLine(console).start()) {
            Ending ending = leader.awaitExit(WAIT).orElseThrow();
            assertThat(ending.exitCode()).as("exit code (129: SIGHUP); %s", console.all()).isZero();
        }
        assertThat(console.texts(ChildProcess.Stream.OUT)).containsExactly("hi", "hi", "survived");
    }

    /** Run by the test above in a JVM of its own that leads its session. */
    static final class SessionLeader {
        public static void main(String[] arguments) throws IOException {
            for (int run = 0; run < 2; run++) {
                try (ChildProcess echo = ChildProcess.command(List.of("echo", "hi")).terminal(true)
                        .onLine((stream, text) -> System.out.println(text)).start()) {
                    echo.awaitExit(WAIT);
                }
            }
            System.out.println("survived");
        }
    }

    private static Set<String> terminalsThisJvmHolds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    return "";
                }
            }).filter(target -> target.startsWith("/dev/pts/")).collect(Collectors.toSet());
        }
    }

    /**
     * The process if it still runs after at most 5 s. It is not this JVM's child (its shell was), so the JDK's
     * {@code onExit} would poll it about once a second; and a zombie its new parent has not reaped yet counts as gone.
     */
    private static List<ProcessHandle> leftRunning(long pid) {
        return ProcessHandle.of(pid).map(left -> ProcessTree.awaitGone(Set.of(left), WAIT)).orElse(List.of());
    }
}
