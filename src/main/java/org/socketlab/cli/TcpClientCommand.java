package org.socketlab.cli;

import java.util.concurrent.Callable;
import org.socketlab.net.ClientOptions;
import org.socketlab.net.ClientProgram;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tcp-client", mixinStandardHelpOptions = true,
        description = "The seed's TCP client: connects first, then asks 'Input lowercase sentence:', sends it and "
                + "prints 'From Server: <reply>'. Exit codes name the failure (see the README).")
final class TcpClientCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Mixin
    Options.Server server;

    TcpClientCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ClientOptions options = ClientOptions.to(server.host, server.port).withTimeout(server.timeout);
        return ClientProgram.run(Transport.TCP, options,
                server.message == null ? terminal : terminal.answering(server.message)).exitCode();
    }
}
