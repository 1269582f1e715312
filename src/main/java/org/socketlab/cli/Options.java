package org.socketlab.cli;

import java.time.Duration;
import org.socketlab.net.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Options the subcommands share, as picocli mixins. */
final class Options {
    private Options() {
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }

    /** Where a server listens. Loopback by default: binding every interface is a deliberate choice. */
    static final class Bind {
        @Option(names = "--bind", defaultValue = "127.0.0.1",
                description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 or :: for every interface).")
        String address;
    }

    /** Where a client sends, and how long it waits. */
    static final class Server {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "12000", description = "Server port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--timeout", defaultValue = "2s", converter = DurationConverter.class,
                description = "How long to wait for the server, e.g. 2s or 500ms; 0 waits forever as the seed "
                        + "does (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(names = "--message", paramLabel = "TEXT",
                description = "The sentence to send; without it the client asks for one on standard input.")
        String message;
    }
}
