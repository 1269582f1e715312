package org.socketlab.cli;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.socketlab.http.LoggingProxy;
import org.socketlab.http.Routes;
import org.socketlab.net.Endpoints;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Part 2's logging proxy: prints every request as received and each response's status line "
                + "and caching headers, and forwards them. Set it as a browser's HTTP proxy. Without --map it "
                + "forwards to any host (CONNECT tunnels log only host and port); with --map only to the mapped "
                + "hosts, answering every other one with 403. Stop it with Ctrl-C.")
final class ProxyCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8888", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    Options.Bind bind;

    @Option(names = "--map", paramLabel = "HOST=ADDRESS:PORT",
            description = "Lab mode: forward requests for HOST to ADDRESS:PORT only, e.g. lab.test=127.0.0.1:8080; "
                    + "repeat for more hosts.")
    Map<String, String> map = new LinkedHashMap<>();

    ProxyCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        Routes routes = map.isEmpty() ? Routes.open() : Routes.lab(addresses());
        return ServerCommand.serveUntilInterrupted(terminal, log -> LoggingProxy.builder(routes)
                .bind(Endpoints.local(bind.address, port, Transport.TCP))
                .log(log)
                .start());
    }

    private Map<String, InetSocketAddress> addresses() throws Exception {
        Map<String, InetSocketAddress> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String value = entry.getValue();
            if (!entry.getKey().matches("[A-Za-z0-9.-]+")) {
                // Requests are routed by their host name alone, so a key with a port or a path never matches.
                throw new ParameterException(spec.commandLine(), "--map " + entry.getKey() + "=" + value
                        + ": the key is a host name alone (letters, digits, dots, dashes), "
                        + "e.g. lab.test=127.0.0.1:8080");
            }
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || !value.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new ParameterException(spec.commandLine(), "--map " + entry.getKey() + "=" + value
                        + ": write HOST=ADDRESS:PORT, e.g. lab.test=127.0.0.1:8080");
            }
            String host = value.substring(0, colon).replaceAll("^\\[|\\]$", "");
            hosts.put(entry.getKey(), Endpoints.remote(host, Integer.parseInt(value.substring(colon + 1)),
                    Transport.TCP));
        }
        return hosts;
    }
}
