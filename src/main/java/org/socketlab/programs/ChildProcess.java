package org.socketlab.programs;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One external program run as a child process (a student's server or client in any language, tcpdump, Chromium):
 * its output read as lines, its input typed, its time, memory and output limited, and at the end its whole process
 * tree killed, so no program outlives its use. Every program the project runs goes through here.
 *
 * <pre>{@code
 * try (ChildProcess client = ChildProcess.command(List.of("python3", "udp_client.py")).terminal(true)
 *         .onLine((stream, text) -> console.println(text)).timeLimit(Duration.ofSeconds(10)).start()) {
 *     if (client.awaitInputWanted(Duration.ofSeconds(5)) != WaitResult.EXITED) {
 *         client.type("asmaa");
 *     }
 *     Optional<Ending> ending = client.awaitExit(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Every wait is bounded by the duration given. Waits do not throw {@link InterruptedException}: an interrupted
 * wait returns as if its time had run out, with the thread's interrupt flag set again. Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {
    /** A memory limit for students' programs: fits {@code java -version} and {@code python3} with room to spare. */
    public static final long STUDENT_MEMORY_LIMIT = 2L << 30;
    /** The output kept per process unless {@link ChildProcessBuilder#outputLimit} says otherwise: 1 MiB. */
    public static final long DEFAULT_OUTPUT_LIMIT = 1L << 20;
    /** How long {@link #stop} waits for the killed processes to go. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /**
     * How long a program being stopped may take to reap the children killed before it: {@code nsenter} does at once,
     * and a killed Python may take a moment to die. Only a program that never reaps costs the whole of it.
     */
    static final Duration REAP_WAIT = Duration.ofMillis(500);
    /** How long, after the process exited, its output may still take to be read (its descendants may hold it). */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(1);
    /** How often {@link #awaitInputWanted} looks at /proc, which has no event to wait on. */
    static final Duration RECHECK = Duration.ofMillis(5);
    private static final int SIGKILLED = 128 + 9;

    /** Which output stream a line came from. */
    public enum Stream { OUT, ERR }

    /**
     * Receives each output line, in order within a stream, on that stream's reader thread (a prompt line that
     * {@link #type} ends, on the typing thread). It should return quickly: the reader waits for it.
     */
    @FunctionalInterface
    public interface OutputListener {
        void line(Stream stream, String text);
    }

    /**
     * A command run to its end by {@link ChildProcessBuilder#run}: how it ended, and what it printed, both streams'
     * lines in the order they were read, each followed by {@code \n}.
     */
    public record Result(Ending ending, String output) {
        /** Whether it exited by itself, within its time, with status 0. */
        public boolean succeeded() {
            return ending.stoppedFor() == Limit.NONE && Integer.valueOf(0).equals(ending.exitCode());
        }
    }

    /** What {@link #awaitInputWanted} saw first. */
    public enum WaitResult {
        /** The process, or one it started, is blocked reading its standard input. */
        READING_INPUT,
        /**
         * Output ends in a line with no newline yet, which no typed line has answered: a prompt. On a terminal it may
         * be on standard error: Python's {@code input()} writes its prompt there when it runs on a terminal.
         */
        PROMPT,
        /** The process has exited. */
        EXITED,
        /** None of these within the time given. */
        TIMED_OUT
    }

    private final String name;
    private final Process process;
    private final Pty terminal; // standard input and output, or null for pipes
    private final Pty errorTerminal; // standard error, or null for a pipe
    private final long startNanos;
    private final boolean memoryLimited;
    private final OutputListener listener;
    private final OutputPump.Budget budget;
    private final OutputPump out;
    private final OutputPump err;
    private final CompletableFuture<Long> exitNanos;
    private final Keyboard keyboard;
    private final Changes changes = new Changes();
    private volatile boolean memorySigns;
    private Limit limitReached; // guarded by this, as the three below
    private boolean killed;
    private Ending ending;
    private boolean closed;

    /** Called by {@link ChildProcessBuilder#start()} once the process runs. */
    ChildProcess(ChildProcessBuilder settings, Process process, Pty terminal, Pty errorTerminal, long startNanos) {
        this.name = settings.programName();
        this.process = process;
        this.terminal = terminal;
        this.errorTerminal = errorTerminal;
        this.startNanos = startNanos;
        this.memoryLimited = settings.memoryLimit > 0;
        this.listener = settings.listener;
        this.budget = new OutputPump.Budget(settings.outputLimit, () -> {
            reached(Limit.OUTPUT);
            Watchdog.soon(() -> kill(Duration.ZERO)); // not on the reader, which must go on draining
        });
        String thread = name + "[" + process.pid() + "] ";
        OutputPump.Source stdout = terminal != null ? terminal::read : process.getInputStream()::read;
        OutputPump.Source stderr = errorTerminal != null ? errorTerminal::read : process.getErrorStream()::read;
        out = new OutputPump(thread + "out", stdout, budget, text -> deliver(Stream.OUT, text), changes::happened);
        err = new OutputPump(thread + "err", stderr, budget, text -> deliver(Stream.ERR, text), changes::happened);
        keyboard = new Keyboard(process, terminal, errorTerminal, out, err);
        ExitCleanup.register(process.toHandle());
        ScheduledFuture<?> timer = settings.timeLimit == null ? null : Watchdog.after(settings.timeLimit, () -> {
            reached(Limit.TIME);
            kill(Duration.ZERO);
        });
        exitNanos = process.onExit().thenApply(exited -> {
            if (timer != null) {
                timer.cancel(false);
            }
            return System.nanoTime();
        });
        exitNanos.thenRun(changes::happened);
        out.start();
        err.start();
    }

    /** Starts describing a program to run: the program and its arguments, not split or expanded by any shell. */
    public static ChildProcessBuilder command(List<String> command) {
        return new ChildProcessBuilder(command);
    }

    /** The process id (the program's own: a memory limit's {@code prlimit} runs it in its place). */
    public long pid() {
        return process.pid();
    }

    /** Whether the process itself still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Types a line and Enter on the program's standard input. On a terminal the line is echoed right after the
     * prompt, as on a screen, and a line longer than 4095 bytes is cut there. A prompt left on standard error
     * (Python's {@code input()} on a terminal) is ended with the typed text at once, and the listener gets that line
     * on this thread; the echo is not handed on a second time.
     *
     * <p>Blocks while the program's input is full: some 4 KiB through a pipe, more on a terminal, not read yet.
     *
     * @throws IOException when the program no longer reads its input (it closed it or exited)
     */
    public void type(String line) throws IOException {
        try {
            keyboard.type(line);
        } catch (IOException e) {
            throw new IOException("could not type to " + name + " (pid " + pid() + "): " + e.getMessage(), e);
        }
    }

    /** Ends the program's input: closes the pipe, or on a terminal types Ctrl-D, as a person would. */
    public void closeInput() throws IOException {
        keyboard.closeInput();
    }

    /**
     * Waits, at most {@code max}, until the program wants input, so a line typed then lands after its prompt; says
     * what it saw first. Output and the exit are events; being blocked in a read shows only in /proc, which this
     * looks at every {@link #RECHECK}. After {@link WaitResult#EXITED}, {@link #awaitExit} gives the last output.
     */
    public WaitResult awaitInputWanted(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long seen = changes.count();
            if (!process.isAlive()) {
                return WaitResult.EXITED;
            }
            WaitResult wanted = keyboard.look();
            if (wanted != null) {
                return wanted;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !changes.await(seen, Math.min(left, RECHECK.toNanos()))) {
                return WaitResult.TIMED_OUT;
            }
        }
    }

    /**
     * Waits, at most {@code max}, until {@code seen} is true, and says whether it came to be. It is asked again each
     * time output was read (after the listener had its lines) and when the program exits, so it can look at what the
     * listener kept: a ready line, an answer. A program that exits without it returns false once its last output was
     * handed on (at most {@link #OUTPUT_GRACE} later).
     */
    public boolean awaitOutput(BooleanSupplier seen, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long count = changes.count();
            if (seen.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                awaitExit(OUTPUT_GRACE);
                return seen.getAsBoolean();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !changes.await(count, left)) {
                return false;
            }
        }
    }

    /**
     * Waits, at most {@code max}, for the program to exit, then for its last output to be handed to the listener
     * (at least {@link #OUTPUT_GRACE}, should something it started still hold its output open). Empty if it still
     * runs.
     */
    public Optional<Ending> awaitExit(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            exitNanos.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the JDK could not wait for " + name, e);
        }
        long outputDeadline = Math.max(deadline, System.nanoTime() + OUTPUT_GRACE.toNanos());
        out.awaitEnd(Duration.ofNanos(outputDeadline - System.nanoTime()));
        err.awaitEnd(Duration.ofNanos(outputDeadline - System.nanoTime()));
        return Optional.of(ending());
    }

    /**
     * Kills the program and everything it started (SIGKILL), waits at most {@link #STOP_WAIT} for them to go, and
     * says how it ended. If it had already ended, only says how.
     *
     * @param why what to report, unless it had already ended or reached another limit; not {@link Limit#NONE}
     */
    public Ending stop(Limit why) {
        if (why == Limit.NONE) {
            throw new IllegalArgumentException("stop needs a reason: NONE means the program ended on its own");
        }
        if (process.isAlive()) {
            reached(why);
        }
        ProcessTree.awaitGone(kill(REAP_WAIT), STOP_WAIT);
        return awaitExit(STOP_WAIT).orElseGet(() -> new Ending(null, why, sinceStart(), budget.dropped()));
    }

    /** Stops the program if it still runs ({@link Limit#STOPPED}), stops reading its output, frees the terminal. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (process.isAlive()) {
            stop(Limit.STOPPED);
        } else {
            awaitExit(Duration.ZERO);
        }
        out.stop();
        err.stop();
        for (Pty pty : new Pty[] {terminal, errorTerminal}) {
            if (pty != null) {
                pty.close(); // its reader sees the end within Pty.POLL
            }
        }
        // A read blocked on a pipe that a leftover process holds then fails, and its reader ends.
        for (Closeable stream : new Closeable[] {process.getOutputStream(), process.getInputStream(),
                process.getErrorStream()}) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // already closed by the JDK when the process exited
            }
        }
        ExitCleanup.unregister(process.toHandle());
    }

    private void reached(Limit why) {
        synchronized (this) {
            if (limitReached == null) {
                limitReached = why;
            }
        }
    }

    /**
     * Sends SIGKILL to the whole tree, the program last, after at most {@code reapWait} for it to reap what it started
     * (see {@link ProcessTree#kill}); returns who got it. The watchdog's limits do not wait: one thread serves them all.
     */
    private Set<ProcessHandle> kill(Duration reapWait) {
        synchronized (this) {
            killed |= process.isAlive();
        }
        return ProcessTree.kill(process.toHandle(), reapWait);
    }

    private synchronized Ending ending() {
        if (ending == null) {
            int status = process.exitValue();
            // Killed here but already gone by itself (any other status than SIGKILL's): its own exit is the truth.
            Integer code = killed && status == SIGKILLED ? null : status;
            // A limit counts when it stopped the program: it died of the SIGKILL sent (code null). One reached as the
            // program ended by itself (the time limit firing between its exit and the timer's cancelling, even while
            // the exited program was not yet reaped) does not: its own exit is the truth. The output limit counts
            // anyway: what it printed beyond it was dropped.
            Limit reached = code == null || limitReached == Limit.OUTPUT ? limitReached : null;
            Limit why = reached != null ? reached : memoryLimited && memorySigns ? Limit.MEMORY : Limit.NONE;
            ending = new Ending(code, why, Duration.ofNanos(exitNanos.join() - startNanos), budget.dropped());
        }
        return ending;
    }

    private Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void deliver(Stream stream, String text) {
        if (stream == Stream.OUT && keyboard.isEchoToSkip(text)) {
            return;
        }
        if (stream == Stream.ERR && memoryLimited && MemorySigns.inMessage(text)) {
            memorySigns = true;
        }
        listener.line(stream, text);
    }
}
