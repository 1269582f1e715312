package org.socketlab.net;

import java.io.IOException;
import java.time.Duration;

/**
 * A network failure with the endpoint it concerns and the {@link Outcome} it stands for. Its message says what
 * happened and, after a semicolon, why, e.g. {@code nothing is listening on 127.0.0.1:12000/tcp; the host
 * refused the connection request (SYN) with a reset (RST), or a firewall rejected it}.
 */
public final class LabException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Outcome outcome;
    private final String host;
    private final int port;
    private final Transport transport;

    private LabException(Outcome outcome, String host, int port, Transport transport, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
        this.host = host;
        this.port = port;
        this.transport = transport;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Transport transport() {
        return transport;
    }

    /** The underlying JDK exception's class, such as {@code java.net.ConnectException}, or this class's. */
    public String causeClass() {
        return getCause() == null ? getClass().getName() : getCause().getClass().getName();
    }

    /** The underlying JDK exception's message, as the JDK wrote it. */
    public String causeMessage() {
        return getCause() == null ? getMessage() : String.valueOf(getCause().getMessage());
    }

    static String endpoint(String host, int port, Transport transport) {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return shownHost + ":" + port + "/" + transport.label();
    }

    private static LabException of(Outcome outcome, String host, int port, Transport transport, Throwable cause,
            String what, String why) {
        return new LabException(outcome, host, port, transport, what + "; " + why, cause);
    }

    public static LabException connectionRefused(String host, int port, Throwable cause) {
        return of(Outcome.CONNECTION_REFUSED, host, port, Transport.TCP, cause,
                "nothing is listening on " + endpoint(host, port, Transport.TCP),
                "the host refused the connection request (SYN) with a reset (RST), or a firewall rejected it");
    }

    public static LabException connectTimeout(String host, int port, Duration timeout, Throwable cause) {
        return of(Outcome.CONNECT_TIMEOUT, host, port, Transport.TCP, cause,
                "no answer to the connection request to " + endpoint(host, port, Transport.TCP) + " within "
                        + Durations.format(timeout),
                "the packets were dropped on the way, so neither an accept nor a refusal came back");
    }

    public static LabException noReply(String host, int port, Transport transport, Duration timeout, Throwable cause) {
        return of(Outcome.NO_REPLY, host, port, transport, cause,
                "no reply from " + endpoint(host, port, transport) + " within " + Durations.format(timeout),
                transport == Transport.UDP
                        ? "UDP never tells the sender whether a datagram arrived, so the client can only stop waiting"
                        : "the server accepted the connection but did not answer");
    }

    public static LabException portUnreachable(String host, int port, Throwable cause) {
        return of(Outcome.PORT_UNREACHABLE, host, port, Transport.UDP, cause,
                "nothing is listening on " + endpoint(host, port, Transport.UDP),
                "the server's host answered the datagram with ICMP port unreachable, "
                        + "which Linux reports only to a connected UDP socket");
    }

    public static LabException connectionReset(String host, int port, Throwable cause) {
        return of(Outcome.CONNECTION_RESET, host, port, Transport.TCP, cause,
                "the connection to " + endpoint(host, port, Transport.TCP) + " was reset",
                "the server closed it abruptly (RST) before the reply was complete");
    }

    public static LabException truncated(String host, int port, int bufferBytes) {
        return of(Outcome.TRUNCATED, host, port, Transport.UDP, null,
                "the reply from " + endpoint(host, port, Transport.UDP) + " was cut to " + bufferBytes + " bytes",
                "the datagram was longer than the receive buffer, and UDP drops what does not fit");
    }

    public static LabException portInUse(String host, int port, Transport transport, Throwable cause) {
        return of(Outcome.PORT_IN_USE, host, port, transport, cause,
                "port " + port + "/" + transport.label() + " is already in use",
                "another program is bound to it, so stop that program or choose another port");
    }

    public static LabException permissionDenied(String host, int port, Transport transport, Throwable cause) {
        return of(Outcome.PERMISSION_DENIED, host, port, transport, cause,
                "not allowed to bind " + endpoint(host, port, transport),
                "ports below 1024 need administrator rights, so choose one from 1024 to 65535");
    }

    public static LabException addressNotLocal(String host, int port, Transport transport, Throwable cause) {
        return of(Outcome.IO_ERROR, host, port, transport, cause,
                "cannot bind " + endpoint(host, port, transport),
                host + " is not an address of this host, so choose one it has (127.0.0.1, or 0.0.0.0 for all)");
    }

    public static LabException portOutOfRange(String host, int port, Transport transport) {
        return of(Outcome.PORT_OUT_OF_RANGE, host, port, transport, null,
                "port " + port + " is out of range",
                "a port is a 16-bit number, from 0 to 65535 (1 to 65535 for a server to reach)");
    }

    public static LabException unknownHost(String host, int port, Transport transport, Throwable cause) {
        return of(Outcome.UNKNOWN_HOST, host, port, transport, cause,
                "unknown host " + host,
                "the name does not resolve to an address, so check its spelling or use an IP address");
    }

    public static LabException io(String host, int port, Transport transport, IOException cause) {
        return of(Outcome.IO_ERROR, host, port, transport, cause,
                "I/O error on " + endpoint(host, port, transport), String.valueOf(cause.getMessage()));
    }
}
