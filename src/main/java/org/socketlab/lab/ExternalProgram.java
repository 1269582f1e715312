package org.socketlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.socketlab.model.ConsoleLine;
import org.socketlab.net.ClientProgram;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Ending;
import org.socketlab.programs.Limit;
import org.socketlab.programs.OutcomeWords;
import org.socketlab.wire.SocketTable;

/**
 * A program that is not socket-lab's own (a student's, in any language, unmodified), run for one role of a
 * scenario: on a pseudo-terminal, as it would run by hand, inside the scenario's lab host, under the limits for
 * untrusted programs. Its console goes to the role's {@link Transcript}, standard error marked.
 *
 * <p>How it ended is read from what it did ({@link #ending}): its exit status, its words
 * ({@link OutcomeWords}), and for a client the lab had to stop, the socket it was still waiting on.
 */
final class ExternalProgram implements AutoCloseable {
    /** A server binds within this long, or the scenario cannot use it. */
    /** How long a program gets to ask for its input before the sentence is typed anyway. */
    private static final Duration ASKS_WITHIN = Duration.ofSeconds(10);
    /** Socket tables have no event to wait on: how often to look again while a server starts. */
    private static final long LOOK_AGAIN_MILLIS = 5;

    private final String shownCommand;
    private final ChildProcess process;
    private final Transcript console;
    private final boolean ownProgram;
    /** Where this program's lines begin on its role's console: earlier programs of the role printed above. */
    private final int consoleFrom;
    private int typedAtLine = -1;

    private ExternalProgram(String shownCommand, ChildProcess process, Transcript console, boolean ownProgram,
            int consoleFrom) {
        this.shownCommand = shownCommand;
        this.process = process;
        this.console = console;
        this.ownProgram = ownProgram;
        this.consoleFrom = consoleFrom;
    }

    /**
     * Starts {@code words} from {@code directory}, where {@code place} puts it (inside the lab host or the
     * second host: see {@link ProgramSite#placement()}).
     *
     * @param ownProgram socket-lab's own program run as a command (its exit status names the outcome)
     */
    static ExternalProgram start(List<String> words, String shownCommand, Path directory,
            UnaryOperator<List<String>> place, Transcript console, Duration timeLimit, boolean ownProgram)
            throws IOException {
        List<String> command = place.apply(ownProgram ? words : Untrusted.dropPrivileges(words, directory));
        int consoleFrom = console.lines().size();
        ChildProcess process = ChildProcess.command(command)
                .directory(directory)
                .terminal(true)
                .timeLimit(timeLimit)
                .memoryLimit(ChildProcess.STUDENT_MEMORY_LIMIT)
                .outputLimit(ChildProcess.DEFAULT_OUTPUT_LIMIT)
                .onLine((stream, text) -> {
                    if (stream == ChildProcess.Stream.ERR) {
                        console.printError(text);
                    } else {
                        console.println(text);
                    }
                })
                .start();
        return new ExternalProgram(shownCommand, process, console, ownProgram, consoleFrom);
    }

    String shownCommand() {
        return shownCommand;
    }

    /** What a server did while the scenario waited for it to bind. */
    sealed interface Readiness permits Ready, Exited, OtherPort, NotReady {
    }

    record Ready() implements Readiness {
    }

    /** It ended before it was ready: its own output says why. */
    record Exited(ProgramEnding ending) implements Readiness {
    }

    /** It bound, but not the port the scenario needs (a port written inside the program). */
    record OtherPort(List<Integer> ports) implements Readiness {
    }

    record NotReady() implements Readiness {
    }

    /**
     * Waits until the program's own sockets show a server bound to {@code port} in its host's socket table,
     * without connecting to it: a probe would spend the seed's one accept.
     */
    Readiness awaitBound(Transport transport, int port, Duration within) {
        String protocol = transport.label();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Ending> ended = process.awaitExit(Duration.ZERO);
            if (ended.isPresent()) {
                return new Exited(ending(transport, ended.get(), false));
            }
            List<Integer> bound = ownSockets().stream()
                    .filter(e -> e.protocol().equals(protocol) && e.listening())
                    .map(SocketTable.Entry::localPort).distinct().toList();
            if (bound.contains(port)) {
                return new Ready();
            }
            if (!bound.isEmpty()) {
                return new OtherPort(bound);
            }
            pause();
        }
        return new NotReady();
    }

    /**
     * The sockets the program and its children hold open: each process's socket inodes (/proc/PID/fd) looked up
     * in the socket table as that process sees it (/proc/PID/net), so on whichever host it runs.
     */
    private List<SocketTable.Entry> ownSockets() {
        List<SocketTable.Entry> sockets = new ArrayList<>();
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(process.pid()).ifPresent(handle -> {
            tree.add(handle);
            handle.descendants().forEach(tree::add);
        });
        for (ProcessHandle each : tree) {
            Set<Long> inodes = socketInodes(each.pid());
            if (inodes.isEmpty()) {
                continue;
            }
            try {
                SocketTable.of(String.valueOf(each.pid())).entries().stream()
                        .filter(entry -> inodes.contains(entry.inode())).forEach(sockets::add);
            } catch (IOException gone) {
                // the process ended in between
            }
        }
        return sockets;
    }

    private static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | NumberFormatException gone) {
                    // the fd closed in between
                }
            }
        } catch (IOException gone) {
            // the process ended in between
        }
        return inodes;
    }

    /** Waits (bounded) until the program asks for input: it reads its terminal, shows a prompt, or ends. */
    void awaitAsks() {
        process.awaitInputWanted(ASKS_WITHIN);
    }

    /** Types the line when the program asks for it, so its echo lands after the prompt, as on a terminal. */
    void type(String line) {
        awaitAsks();
        if (process.isAlive()) {
            typedAtLine = console.lines().size();
            try {
                process.type(line);
            } catch (IOException ended) {
                // it ended as the line was typed: how it ended tells the rest
            }
        }
    }

    /**
     * Waits for the program to end, at most {@code wait}; a program still running then is stopped, and recorded
     * as still waiting (for a TCP client, on its connection when the socket table shows it still connecting).
     */
    ProgramEnding awaitEnd(Transport transport, Duration wait) {
        Optional<Ending> ended = process.awaitExit(wait);
        if (ended.isPresent()) {
            return ending(transport, ended.get(), false);
        }
        boolean connecting = ownSockets().stream().anyMatch(SocketTable.Entry::connecting);
        return ending(transport, process.stop(Limit.STOPPED), connecting);
    }

    private ProgramEnding ending(Transport transport, Ending end, boolean stillConnecting) {
        List<ConsoleLine> lines = console.lines();
        List<String> words = lines.subList(Math.min(consoleFrom, lines.size()), lines.size()).stream()
                .map(ConsoleLine::text).toList();
        if (end.stoppedFor() == Limit.STOPPED) {
            Outcome outcome = stillConnecting ? Outcome.CONNECT_TIMEOUT : Outcome.NO_REPLY;
            return new ProgramEnding(outcome, null, null, "the lab stopped it: it was still waiting "
                    + (stillConnecting ? "for its connection to be accepted (its socket was in SYN-SENT)"
                            : "for a reply"), end);
        }
        if (end.stoppedFor() != Limit.NONE) {
            return new ProgramEnding(Outcome.IO_ERROR, null, null, "stopped at its "
                    + end.stoppedFor().name().toLowerCase() + " limit", end);
        }
        Integer status = end.exitCode();
        if (ownProgram && status != null) {
            Optional<Outcome> own = OutcomeWords.ofSocketLabExitCode(status);
            if (own.isPresent()) {
                return new ProgramEnding(own.get(), own.get() == Outcome.REPLY ? ownReply() : null, null,
                        "exit status " + status + " (socket-lab's exit codes)", end);
            }
        }
        Optional<OutcomeWords.WordMatch> said = OutcomeWords.read(transport, words);
        if (said.isPresent()) {
            return new ProgramEnding(said.get().outcome(), null, said.get().line(), "exit status " + status
                    + " and the program's words (" + said.get().language() + ")", end);
        }
        if (status != null && status == 0) {
            return new ProgramEnding(Outcome.REPLY, replyLine(), null, "exit status 0 and its output", end);
        }
        String last = words.stream().filter(w -> !w.isBlank()).reduce((a, b) -> b).orElse("(it printed nothing)");
        return new ProgramEnding(Outcome.IO_ERROR, null, last, "exit status " + status + signal(status)
                + "; its words match no known failure", end);
    }

    /** What a shell's exit status above 128 says: the signal the program died of, e.g. " (killed by SIGSEGV)". */
    static String signal(Integer status) {
        if (status == null || status <= 128 || status > 128 + 64) {
            return "";
        }
        String name = switch (status - 128) {
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL, from outside: the kernel at the memory the lab host's programs share, or a process";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> "signal " + (status - 128);
        };
        return " (killed by " + name + ")";
    }

    /** socket-lab's own client's reply: its reply line, without the TCP client's "From Server: ". */
    private String ownReply() {
        String line = replyLine();
        return line != null && line.startsWith(ClientProgram.TCP_REPLY_PREFIX)
                ? line.substring(ClientProgram.TCP_REPLY_PREFIX.length()) : line;
    }

    /** The last line it printed after the sentence was typed: a client's reply. */
    private String replyLine() {
        List<ConsoleLine> lines = console.lines();
        int from = typedAtLine >= 0 ? typedAtLine + 1 : consoleFrom;
        String reply = null;
        for (ConsoleLine line : lines.subList(Math.min(from, lines.size()), lines.size())) {
            if (line.stream().equals(ConsoleLine.OUT) && !line.text().isBlank()) {
                reply = line.text();
            }
        }
        return reply;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }

    private static void pause() {
        try {
            Thread.sleep(LOOK_AGAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
