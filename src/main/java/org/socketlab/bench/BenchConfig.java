package org.socketlab.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.socketlab.net.Durations;
import org.socketlab.net.Transport;

/**
 * What one benchmark run drives.
 *
 * @param transport       TCP: one connection per exchange, as the seed's client; UDP: one datagram each way
 * @param server          the server's address
 * @param clients         client threads running at once, each doing one exchange after another
 * @param duration        how long exchanges are measured
 * @param warmup          how long exchanges run before measuring starts (the JIT compiles, pools fill)
 * @param message         the sentence every exchange sends; the reply must be its upper case
 * @param timeout         per exchange: for the connection and for the whole reply; running out is an error
 * @param idleConnections TCP only: connections opened before the run that send nothing and stay open throughout
 */
public record BenchConfig(Transport transport, InetSocketAddress server, int clients, Duration duration,
        Duration warmup, String message, Duration timeout, int idleConnections) {
    public BenchConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timeout, "timeout");
        if (clients < 1) {
            throw new IllegalArgumentException("clients (" + clients + ") must be at least 1");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration (" + Durations.format(duration) + ") must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup (" + Durations.format(warmup) + ") must not be negative");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "timeout (" + Durations.format(timeout) + ") must be positive, and under 24 days");
        }
        if (idleConnections < 0) {
            throw new IllegalArgumentException("idle connections (" + idleConnections + ") must not be negative");
        }
        if (idleConnections > 0 && transport != Transport.TCP) {
            throw new IllegalArgumentException(
                    "idle connections (" + idleConnections + ") need TCP: UDP has no connections");
        }
    }
}
