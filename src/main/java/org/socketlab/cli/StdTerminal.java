package org.socketlab.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.socketlab.net.Terminal;

/** The console in UTF-8 whatever the platform's default (Java 17 on Windows would use windows-1252). */
public final class StdTerminal implements Terminal {
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    public StdTerminal(InputStream in, PrintStream out, PrintStream err) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    static StdTerminal system() {
        return new StdTerminal(System.in, SocketLab.utf8(FileDescriptor.out), SocketLab.utf8(FileDescriptor.err));
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    @Override
    public void println(String line) {
        out.println(line);
    }

    @Override
    public void printError(String line) {
        err.println(line);
    }

    @Override
    public String readLine(String prompt) throws IOException {
        out.print(prompt);
        out.flush();
        return in.readLine();
    }

    /** A terminal whose "typed" line is given on the command line: it shows the line after the prompt. */
    Terminal answering(String message) {
        StdTerminal self = this;
        return new Terminal() {
            @Override
            public String readLine(String prompt) {
                self.println(prompt + message);
                return message;
            }

            @Override
            public void println(String line) {
                self.println(line);
            }

            @Override
            public void printError(String line) {
                self.printError(line);
            }
        };
    }
}
