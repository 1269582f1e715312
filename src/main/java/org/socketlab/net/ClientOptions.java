package org.socketlab.net;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client reaches its server.
 *
 * @param host        name or address of the server's host
 * @param port        the server's port (checked when the client opens, so a bad one is a {@link LabException})
 * @param timeout     how long to wait for a connection and for the reply; zero waits forever, as the seed does
 * @param connected   UDP only: connect the datagram socket first, so the kernel can report ICMP port unreachable
 * @param bufferBytes UDP only: the receive buffer; a longer reply is reported as truncated
 */
public record ClientOptions(String host, int port, Duration timeout, boolean connected, int bufferBytes) {
    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout (" + timeout + ") must not be negative");
        }
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("the receive buffer (--buffer " + bufferBytes + ") must be at least 1 byte");
        }
    }

    /** The seed's client: 127.0.0.1, unconnected, a 2,048-byte buffer, and a 2 s timeout instead of forever. */
    public static ClientOptions to(String host, int port) {
        return new ClientOptions(host, port, Limits.CLIENT_TIMEOUT, false, Limits.CLIENT_DATAGRAM_BYTES);
    }

    public ClientOptions withTimeout(Duration newTimeout) {
        return new ClientOptions(host, port, newTimeout, connected, bufferBytes);
    }

    public ClientOptions withConnected(boolean newConnected) {
        return new ClientOptions(host, port, timeout, newConnected, bufferBytes);
    }

    public ClientOptions withBufferBytes(int newBufferBytes) {
        return new ClientOptions(host, port, timeout, connected, newBufferBytes);
    }

    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
