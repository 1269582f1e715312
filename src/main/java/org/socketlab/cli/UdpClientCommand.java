package org.socketlab.cli;

import java.util.concurrent.Callable;
import org.socketlab.net.ClientOptions;
import org.socketlab.net.ClientProgram;
import org.socketlab.net.Limits;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "udp-client", mixinStandardHelpOptions = true,
        description = "The seed's UDP client: asks 'Input lowercase sentence:', sends it in one datagram and "
                + "prints the reply. Exit codes name the failure (see the README).")
final class UdpClientCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Mixin
    Options.Server server;

    @Option(names = "--connected",
            description = "Connect the datagram socket first, so Linux reports ICMP port unreachable at once.")
    boolean connected;

    @Option(names = "--buffer", defaultValue = "" + Limits.CLIENT_DATAGRAM_BYTES, paramLabel = "BYTES",
            description = "Receive buffer; a longer reply is reported as cut (default: ${DEFAULT-VALUE}, the seed's).")
    int bufferBytes;

    UdpClientCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ClientOptions options = new ClientOptions(server.host, server.port, server.timeout, connected, bufferBytes);
        return ClientProgram.run(Transport.UDP, options,
                server.message == null ? terminal : terminal.answering(server.message)).exitCode();
    }
}
