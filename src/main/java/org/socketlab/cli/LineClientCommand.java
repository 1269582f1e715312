package org.socketlab.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.socketlab.net.ClientOptions;
import org.socketlab.net.LineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "line-client", mixinStandardHelpOptions = true,
        description = "Sends lines to a TCP server (Part 2's line server) and closes: the lines given with "
                + "--line, or else every line of standard input.")
final class LineClientCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "2000", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--line", paramLabel = "TEXT", description = "A line to send; repeat for more.")
    List<String> lines;

    LineClientCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        List<String> toSend = lines != null ? lines : readAll();
        long bytes = LineClient.send(ClientOptions.to(host, port), toSend);
        terminal.println("Sent " + toSend.size() + " lines (" + bytes + " bytes)");
        return 0;
    }

    private List<String> readAll() throws IOException {
        List<String> read = new ArrayList<>();
        String line;
        while ((line = terminal.readLine("")) != null) {
            read.add(line);
        }
        return read;
    }
}
