package org.socketlab.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * The CPU time (user and system) the load generator and, when given, the server spent in the measured window, read
 * from the operating system ({@code /proc} on Linux) at the window's start and end. A load generator ranks servers
 * only when it costs less per exchange than they do; this is how a run shows it.
 *
 * @param client this process: the load generator
 * @param server the server's process, when its id was given and it could be read at both ends
 */
public record CpuTime(Duration client, Optional<Duration> server) {
    /** A reading taken at the start of the window, to be finished with {@link #until} at its end. */
    static final class Start {
        private final ProcessHandle server;
        private final Duration clientFrom;
        private final Optional<Duration> serverFrom;

        Start(ProcessHandle server) {
            this.server = server;
            this.clientFrom = ofProcess(ProcessHandle.current()).orElse(Duration.ZERO);
            this.serverFrom = server == null ? Optional.empty() : ofProcess(server);
        }

        CpuTime until() {
            Duration client = ofProcess(ProcessHandle.current()).orElse(Duration.ZERO).minus(clientFrom);
            Optional<Duration> serverUntil = server == null ? Optional.empty() : ofProcess(server);
            return new CpuTime(client, serverFrom.flatMap(from -> serverUntil.map(until -> until.minus(from))));
        }
    }

    private static Optional<Duration> ofProcess(ProcessHandle process) {
        return process.info().totalCpuDuration();
    }

    /** Microseconds of CPU per exchange, for {@code exchanges} exchanges in the window. */
    static double perExchangeMicros(Duration cpu, long exchanges) {
        return exchanges == 0 ? 0 : cpu.toNanos() / 1e3 / exchanges;
    }
}
