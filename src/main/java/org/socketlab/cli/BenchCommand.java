package org.socketlab.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.socketlab.bench.BenchConfig;
import org.socketlab.bench.BenchResult;
import org.socketlab.bench.LoadGenerator;
import org.socketlab.net.Durations;
import org.socketlab.net.Endpoints;
import org.socketlab.net.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Drives an uppercase server (this one's or the seed's) with many clients at once, checks "
                + "every reply, and prints requests/s, latency p50/p99/max, errors and wrong replies. "
                + "Exit code 0 when every reply was right, 1 when some failed or were wrong; 2 for a bad option, "
                + "10 and 11 for a port out of range and an unknown host, as the clients.")
final class BenchCommand implements Callable<Integer> {
    /** Exit codes: a script can tell a clean run from one with failures. */
    enum Exit {
        CLEAN(0), FAILURES(1);

        final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    private final StdTerminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "tcp|udp", converter = TransportConverter.class,
            description = "The protocol: tcp (one connection per exchange, as the seed's client) or udp.")
    Transport transport;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "12000", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--clients", defaultValue = "16", paramLabel = "N",
            description = "Clients running at once, each one exchange after another (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "10s", converter = Options.DurationConverter.class,
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "1s", converter = Options.DurationConverter.class,
            description = "How long to run before measuring; errors there still count (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--message", defaultValue = "the quick brown fox jumps over the lazy dog", paramLabel = "TEXT",
            description = "The sentence every client sends (default: \"${DEFAULT-VALUE}\").")
    String message;

    @Option(names = "--timeout", defaultValue = "2s", converter = Options.DurationConverter.class,
            description = "Per exchange, for the connection and for the reply; running out is an error "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--idle", defaultValue = "0", paramLabel = "N",
            description = "TCP: open N connections that send nothing and hold them during the run "
                    + "(default: ${DEFAULT-VALUE}).")
    int idle;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process id on this machine: its CPU time per exchange is printed beside the "
                    + "load generator's own.")
    Long serverPid;

    BenchCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        BenchConfig config;
        try {
            config = new BenchConfig(transport, Endpoints.remote(host, port, transport), clients, duration, warmup,
                    message, timeout, idle);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e); // a usage error: exit code 2
        }
        terminal.println(String.format(Locale.ROOT, "bench %s %s:%d: %d clients, %s measured after %s warm-up, "
                        + "message of %d characters%s", transport.label(), host, port, clients,
                Durations.format(duration), Durations.format(warmup), message.codePointCount(0, message.length()),
                idle > 0 ? ", " + idle + " idle connections held open" : ""));
        BenchResult result = LoadGenerator.run(config, serverPid == null ? null : ProcessHandle.of(serverPid).orElse(null));
        print(result);
        return (result.clean() ? Exit.CLEAN : Exit.FAILURES).code;
    }

    private void print(BenchResult result) {
        terminal.println(String.format(Locale.ROOT, "requests/s: %.1f (%d requests in %s)",
                result.requestsPerSecond(), result.requests(), Durations.format(result.measured())));
        terminal.println(String.format(Locale.ROOT, "latency ms: p50 %.3f, p99 %.3f, max %.3f",
                millis(result.p50()), millis(result.p99()), millis(result.max())));
        if (result.config().idleConnections() > 0) {
            terminal.println("idle connections: " + result.idleOpened() + " of " + result.config().idleConnections()
                    + " opened, " + result.idleStillOpen() + " still open at the end");
        }
        terminal.println("errors: " + result.errors());
        result.errorKinds().forEach((kind, count) -> terminal.println("  " + count + " x " + kind));
        terminal.println("wrong replies: " + result.wrongReplies());
        if (result.firstWrong() != null) {
            terminal.println("  first wrong reply: \"" + result.firstWrong() + "\"");
        }
        terminal.println(String.format(Locale.ROOT, "first reply ms: %.3f", millis(result.first())));
        terminal.println(String.format(Locale.ROOT, "cpu us/exchange: client %.1f", result.clientMicrosPerExchange())
                + (result.serverMicrosPerExchange().isPresent() ? String.format(Locale.ROOT, " server %.1f",
                        result.serverMicrosPerExchange().getAsDouble()) : ""));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    static final class TransportConverter implements ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            try {
                return Transport.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected tcp or udp, not \"" + value + "\"", e);
            }
        }
    }
}
