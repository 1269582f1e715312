package org.socketlab.cli;

import java.util.concurrent.Callable;
import org.socketlab.net.Endpoints;
import org.socketlab.net.LineServer;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "line-server", mixinStandardHelpOptions = true,
        description = "Part 2's server: prints every line each client sends, prefixed with the client's address. "
                + "Set it as a browser's HTTP proxy to see the browser's requests. Stop it with Ctrl-C.")
final class LineServerCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Option(names = "--port", defaultValue = "2000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    Options.Bind bind;

    LineServerCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        return ServerCommand.serveUntilInterrupted(terminal,
                log -> LineServer.start(Endpoints.local(bind.address, port, Transport.TCP), log));
    }
}
