package org.socketlab.cli;

import java.util.concurrent.Callable;
import org.socketlab.http.LabOrigin;
import org.socketlab.net.Endpoints;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "origin", mixinStandardHelpOptions = true,
        description = "Part 2's lab web server: a page with a stylesheet and an image, each with ETag and "
                + "Last-Modified, answering 304 Not Modified to a conditional GET that matches. Run the proxy "
                + "with --map lab.test=127.0.0.1:PORT and open http://lab.test/ through it. Stop it with Ctrl-C.")
final class OriginCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    Options.Bind bind;

    @Option(names = "--cache-control", paramLabel = "VALUE", defaultValue = "no-cache",
            description = "The Cache-Control every object is sent with, e.g. no-cache, max-age=0, max-age=3600, "
                    + "no-store; \"none\" sends none (default: ${DEFAULT-VALUE}).")
    String cacheControl;

    OriginCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        String policy = cacheControl.equalsIgnoreCase("none") ? null : cacheControl;
        return ServerCommand.serveUntilInterrupted(terminal,
                log -> LabOrigin.start(Endpoints.local(bind.address, port, Transport.TCP), policy, log));
    }
}
