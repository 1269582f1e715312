package org.socketlab.programs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.socketlab.programs.ChildProcess.WaitResult;

/**
 * A program's keyboard: types lines on its standard input and tells, with one look, whether it waits for one. The
 * waiting around the look is {@link ChildProcess#awaitInputWanted}'s.
 */
final class Keyboard {
    private final Process process;
    private final Pty terminal; // standard input and output, or null for pipes
    private final Pty errorTerminal;
    private final OutputPump out;
    private final OutputPump err;
    private final StdinWatch stdinWatch;
    private volatile long answeredOut = -1;
    private volatile long answeredErr = -1;
    /** Typed lines already shown after their prompt on stderr, whose echo on the output is yet to come. */
    private final Queue<String> echoesToSkip = new ConcurrentLinkedQueue<>();

    Keyboard(Process process, Pty terminal, Pty errorTerminal, OutputPump out, OutputPump err) {
        this.process = process;
        this.terminal = terminal;
        this.errorTerminal = errorTerminal;
        this.out = out;
        this.err = err;
        this.stdinWatch = new StdinWatch(process.toHandle());
    }

    /** Types the line and Enter. */
    synchronized void type(String line) throws IOException {
        boolean promptOnErr = terminal != null && !out.holdsPartialLine() && err.holdsPartialLine()
                && err.lineCount() != answeredErr;
        // A prompt on the current lines is answered now, though its echo and the program's answer come later.
        answeredOut = out.lineCount();
        answeredErr = err.lineCount();
        // Python's input() on a terminal writes its prompt to stderr. The screen shows the echo right after it, so
        // that line is ended here with the typed text, and the echo, which comes on the output, is skipped.
        if (promptOnErr && err.endPartialLineWith(line)) {
            echoesToSkip.add(line);
        }
        stdinWatch.inputGiven();
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (terminal != null) {
            terminal.write(bytes);
        } else {
            OutputStream stdin = process.getOutputStream();
            stdin.write(bytes);
            stdin.flush();
        }
    }

    /** Closes the pipe, or on a terminal types Ctrl-D. */
    synchronized void closeInput() throws IOException {
        if (terminal != null) {
            terminal.writeEndOfFile();
        } else {
            process.getOutputStream().close();
        }
    }

    /**
     * Whether an output line is the echo of a line already shown after its prompt: then it is not shown again.
     * Echoes come in the order the lines were typed. Should one never come (the program turned echo off), the
     * first output line equal to it is taken for it.
     */
    boolean isEchoToSkip(String outputLine) {
        return outputLine.equals(echoesToSkip.peek()) && echoesToSkip.poll() != null;
    }

    /** PROMPT or READING_INPUT if the program waits for input now, else null. */
    WaitResult look() {
        if (out.holdsPartialLine() && out.lineCount() != answeredOut
                || err.holdsPartialLine() && err.lineCount() != answeredErr) {
            return WaitResult.PROMPT;
        }
        return stdinWatch.reading() && outputHandled() ? WaitResult.READING_INPUT : null;
    }

    /**
     * Whether the readers have handed on all the program wrote so far, so a prompt written just before the read is
     * seen as one. Known on terminals only; pipes are read through the JDK, which cannot say.
     */
    private boolean outputHandled() {
        return terminal == null
                || terminal.drained(out.bytesHandled()) && errorTerminal.drained(err.bytesHandled());
    }
}
