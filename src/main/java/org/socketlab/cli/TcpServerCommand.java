package org.socketlab.cli;

import java.util.concurrent.Callable;
import org.socketlab.net.Endpoints;
import org.socketlab.net.TcpUppercaseServer;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tcp-server", mixinStandardHelpOptions = true,
        description = "The seed's TCP server: prints 'The server is ready to receive', then answers each "
                + "sentence with its text in upper case and logs one line per client. Stop it with Ctrl-C.")
final class TcpServerCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Option(names = "--port", defaultValue = "12000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    Options.Bind bind;

    TcpServerCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        return ServerCommand.serveUntilInterrupted(terminal,
                log -> TcpUppercaseServer.start(Endpoints.local(bind.address, port, Transport.TCP), log));
    }
}
