package org.socketlab.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.socketlab.net.LabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar socket-lab.jar <subcommand>}: the assignment's programs, one subcommand each. */
@Command(name = "socket-lab", mixinStandardHelpOptions = true, version = "socket-lab 1.0",
        description = "The socket-programming assignment's programs: uppercase servers and clients over UDP and "
                + "TCP, Part 2's line-printing server and logging proxy, and the lab report.",
        subcommands = {UdpServerCommand.class, UdpClientCommand.class, TcpServerCommand.class,
            TcpClientCommand.class, LineServerCommand.class, LineClientCommand.class, ProxyCommand.class,
            OriginCommand.class, ReportCommand.class, ClassReportCommand.class, SummaryCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class SocketLab {
    public static void main(String[] args) {
        System.exit(commandLine(StdTerminal.system()).execute(args));
    }

    /** The command line with its exit codes and error printing; tests run it on their own terminal. */
    public static CommandLine commandLine(StdTerminal terminal) {
        CommandLine commandLine = new CommandLine(new SocketLab(), new TerminalFactory(terminal));
        commandLine.setOut(new PrintWriter(terminal.out(), true));
        commandLine.setErr(new PrintWriter(terminal.err(), true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof LabException labException) {
                terminal.printError("error: " + labException.getMessage());
                return labException.outcome().exitCode();
            }
            if (exception instanceof IllegalArgumentException invalid) {
                // An option value that parsed but makes no sense, such as --buffer 0: a usage error.
                terminal.printError("error: " + invalid.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw exception;
        });
        return commandLine;
    }

    static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
    }

    /** Gives every subcommand the terminal it prints to, so tests can capture what a user would see. */
    private record TerminalFactory(StdTerminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(StdTerminal.class).newInstance(terminal);
            } catch (NoSuchMethodException noTerminalConstructor) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
