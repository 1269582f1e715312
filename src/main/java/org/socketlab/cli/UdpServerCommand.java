package org.socketlab.cli;

import java.util.concurrent.Callable;
import org.socketlab.net.Endpoints;
import org.socketlab.net.UdpUppercaseServer;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "udp-server", mixinStandardHelpOptions = true,
        description = "The seed's UDP server: prints 'The server is ready to receive', then answers each "
                + "sentence with its text in upper case and logs one line per client. Stop it with Ctrl-C.")
final class UdpServerCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Option(names = "--port", defaultValue = "12000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    Options.Bind bind;

    UdpServerCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        return ServerCommand.serveUntilInterrupted(terminal,
                log -> UdpUppercaseServer.start(Endpoints.local(bind.address, port, Transport.UDP), log));
    }
}
