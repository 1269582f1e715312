package org.socketlab.programs;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.socketlab.programs.ChildProcess.OutputListener;

/**
 * What to run and how, from {@link ChildProcess#command}: set what differs from the defaults, then {@link #start()},
 * or {@link #run} for a short command to run to its end.
 * Defaults: this JVM's directory and environment, pipes rather than a terminal, no time or memory limit,
 * {@link ChildProcess#DEFAULT_OUTPUT_LIMIT} of output, and output lines thrown away.
 */
public final class ChildProcessBuilder {
    final List<String> command;
    final Map<String, String> environment = new LinkedHashMap<>();
    Path directory;
    boolean terminal;
    OutputListener listener = (stream, text) -> { };
    Duration timeLimit;
    long memoryLimit;
    long outputLimit = ChildProcess.DEFAULT_OUTPUT_LIMIT;

    ChildProcessBuilder(List<String> command) {
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("no program to run: the command is empty");
        }
        this.command = List.copyOf(command);
    }

    /** The directory it runs in. */
    public ChildProcessBuilder directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /**
     * Sets one variable of its environment, which is otherwise this JVM's; a null value removes the variable (say
     * {@code PYTHONUNBUFFERED}, which would hide how Python buffers its output).
     */
    public ChildProcessBuilder environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /**
     * Whether the program runs on pseudo-terminals rather than pipes. On a terminal it behaves as run by a person:
     * Python's and C's stdout are line-buffered (through a pipe they show only when the buffer fills or the program
     * ends), a prompt shows at once, and typed lines are echoed after it.
     *
     * <p>Standard input and output share one terminal, as on a screen. Standard error gets a terminal of its own, so
     * its lines stay marked {@link ChildProcess.Stream#ERR} and the program still sees a terminal there: Python's
     * {@code input()} writes its prompt to standard error when it runs on a terminal. Programs that colour a
     * terminal's output do so here too; {@code environment("NO_COLOR", "1")} asks most of them not to.
     */
    public ChildProcessBuilder terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    /** Receives every output line, on the reader threads. */
    public ChildProcessBuilder onLine(OutputListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Kills the program's tree once it has run this long; it then ends with {@link ChildProcess.Limit#TIME}. */
    public ChildProcessBuilder timeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a time limit must be positive, not " + limit);
        }
        this.timeLimit = limit;
        return this;
    }

    /**
     * Limits the memory of the program and of each process it starts, in bytes; 0 (the default) for none.
     *
     * <p>The limit is RLIMIT_DATA, set by util-linux's {@code prlimit}, which then becomes the program: the private
     * writable memory a process may map (its heap, {@code malloc}, anonymous mappings), which is what a program
     * running away with memory grows. Not RLIMIT_AS, the whole address space: runtimes reserve far more than they
     * use, and {@code java -version} fails under an RLIMIT_AS of 2 GiB (it reserves 1 GiB for class data alone)
     * while it runs under an RLIMIT_DATA of 2 GiB ({@link ChildProcess#STUDENT_MEMORY_LIMIT}).
     *
     * <p>Over the limit an allocation fails: Python raises MemoryError, Java throws OutOfMemoryError, C's
     * {@code malloc} returns NULL. The ending says {@link ChildProcess.Limit#MEMORY} when the program ended with
     * such a sign: a message on standard error naming it ({@link MemorySigns}). That is a judgement; a program
     * that handles the failure and exits quietly shows no sign, and a C program that uses the NULL dies of SIGSEGV,
     * which is told as the crash it is, not as the limit.
     */
    public ChildProcessBuilder memoryLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a memory limit is 0 (none) or a number of bytes, not " + bytes);
        }
        this.memoryLimit = bytes;
        return this;
    }

    /**
     * The output bytes kept, both streams together, and one line per 64 of them at most (a flood of short lines
     * costs memory by the line): more kills the program's tree, which then ends with
     * {@link ChildProcess.Limit#OUTPUT}, and the rest is read, counted and thrown away.
     */
    public ChildProcessBuilder outputLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("an output limit must be positive, not " + bytes);
        }
        this.outputLimit = bytes;
        return this;
    }

    /**
     * Starts the program; its output is read from now on, its time limit runs, and a shutdown hook kills its tree
     * should the JVM end before {@link ChildProcess#close()}.
     *
     * @throws IOException naming the command and why it could not start (no such program, no terminal, ...)
     */
    public ChildProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(memoryLimit > 0 ? withMemoryLimit() : command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        Pty stdio = null;
        Pty stderr = null;
        try {
            if (terminal) {
                // This JVM opens the slaves by path and the JDK closes its copies once the child has them, so the
                // child alone holds them (the end of its output reaches us), even if it later drops privileges.
                stdio = Pty.open();
                stderr = Pty.open();
                File slave = stdio.slave().toFile();
                builder.redirectInput(Redirect.from(slave)).redirectOutput(Redirect.to(slave))
                        .redirectError(Redirect.to(stderr.slave().toFile()));
            }
            long startNanos = System.nanoTime();
            return new ChildProcess(this, builder.start(), stdio, stderr, startNanos);
        } catch (IOException e) {
            closeAll(stdio, stderr);
            throw new IOException("cannot start " + describe() + ": " + reason(e), e);
        }
    }

    /**
     * Runs a short command to its end: starts it with its input closed (a read gets end of file at once), waits at
     * most {@code max} for it to exit, and if it has not (or the wait is interrupted), kills its tree, which then
     * ends with {@link Limit#TIME}. The listener, if one was set, still gets every line.
     *
     * @throws IOException as {@link #start()}, when it cannot start
     */
    public ChildProcess.Result run(Duration max) throws IOException {
        StringBuilder output = new StringBuilder();
        OutputListener given = listener;
        listener = (stream, text) -> {
            synchronized (output) {
                output.append(text).append('\n');
            }
            given.line(stream, text);
        };
        Ending ending;
        try (ChildProcess process = start()) {
            try {
                process.closeInput();
            } catch (IOException exited) {
                // it has ended already: nothing is left to read its input
            }
            ending = process.awaitExit(max).orElseGet(() -> process.stop(Limit.TIME));
        } finally {
            listener = given;
        }
        synchronized (output) {
            return new ChildProcess.Result(ending, output.toString());
        }
    }

    private static void closeAll(Pty... terminals) {
        for (Pty terminal : terminals) {
            if (terminal != null) {
                terminal.close();
            }
        }
    }

    /** The program's file name, e.g. {@code python3}: names its threads and its messages. */
    String programName() {
        return Path.of(command.get(0)).getFileName().toString();
    }

    private List<String> withMemoryLimit() throws IOException {
        String path = Optional.ofNullable(environment.containsKey("PATH") ? environment.get("PATH")
                : System.getenv("PATH")).orElse("");
        Path prlimit = find("prlimit", path).orElseThrow(() -> new IOException("cannot start " + describe()
                + " with a memory limit: that needs prlimit (util-linux), which is not on PATH " + path));
        // prlimit would report a missing program only by its own exit status: look first, to say so here.
        if (find(command.get(0), path).isEmpty()) {
            throw new IOException("cannot start " + describe() + ": no such program"
                    + (command.get(0).contains("/") ? "" : " on PATH " + path) + ", or it is not executable");
        }
        List<String> limited = new ArrayList<>(List.of(prlimit.toString(), "--data=" + memoryLimit, "--"));
        limited.addAll(command);
        return limited;
    }

    /** Where the program is, looked up as the child's exec will: a path from its directory, a name on PATH. */
    private Optional<Path> find(String program, String path) {
        Stream<Path> candidates = program.contains("/")
                ? Stream.of((directory == null ? Path.of("") : directory).resolve(program))
                : Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program));
        return candidates.filter(file -> Files.isRegularFile(file) && Files.isExecutable(file)).findFirst();
    }

    private String describe() {
        return "`" + String.join(" ", command) + "`" + (directory == null ? "" : " in " + directory);
    }

    /** The JDK's reason without its repetition of the command: "Cannot run program ...: error=2, No such file". */
    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        int error = message.lastIndexOf("error=");
        int comma = error < 0 ? -1 : message.indexOf(", ", error);
        return comma < 0 ? message : message.substring(comma + 2);
    }
}
