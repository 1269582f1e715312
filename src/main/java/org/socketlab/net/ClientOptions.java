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
    /** A larger receive buffer could never fill: see {@link Limits#LARGEST_DATAGRAM_BYTES}. */
    public static final int MAX_BUFFER_BYTES = Limits.LARGEST_DATAGRAM_BYTES;

    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout (" + timeout + ") must not be negative");
        }
        if (bufferBytes < 1 || bufferBytes > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("the receive buffer (--buffer " + bufferBytes + ") must be from 1 to "
                    + MAX_BUFFER_BYTES + " bytes: no datagram is longer");
        }
    }

    /** The seed's client to this host and port: unconnected, a 2,048-byte buffer, a 2 s timeout, not forever. */
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

    /** The timeout as a socket takes it: 0 is forever, so a timeout under a millisecond counts as one. */
    int timeoutMillis() {
        if (timeout.isZero()) {
            return 0;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
