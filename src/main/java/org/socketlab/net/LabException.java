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
                        : "the connection was made, but nothing came back on it");
    }

    /** Part of a TCP reply came, but the server did not close the connection to say it was complete. */
    public static LabException replyNotClosed(String host, int port, Duration timeout, String received, int bytes,
            Throwable cause) {
        return of(Outcome.NO_REPLY, host, port, Transport.TCP, cause,
                "the reply from " + endpoint(host, port, Transport.TCP) + " did not end within "
                        + Durations.format(timeout) + ": it sent " + Text.quote(received) + " (" + bytes + " bytes)",
                "the server did not close the connection, and this client takes the reply as complete only then, "
                        + "so the server must close its connection socket after sending");
    }

    public static LabException portUnreachable(String host, int port, Throwable cause) {
        return of(Outcome.PORT_UNREACHABLE, host, port, Transport.UDP, cause,
                "nothing is listening on " + endpoint(host, port, Transport.UDP),
                "the server's host answered the datagram with ICMP port unreachable, "
                        + "which Linux reports only to a connected UDP socket");
    }

    /** The server closed a TCP connection without sending anything back for a sentence that was not empty. */
    public static LabException closedWithoutReply(String host, int port, Duration connectedFor, Throwable cause) {
        String why = "the server closed the connection without sending anything back";
        if (connectedFor.compareTo(Limits.IDLE_TIMEOUT) >= 0) {
            why += "; the connection was open for " + Durations.format(connectedFor) + " before the sentence was "
                    + "sent, and the lab's servers close connections idle for " + Durations.format(Limits.IDLE_TIMEOUT);
        } else {
            why += " (is it an uppercase server? the line server and the proxy do not answer this way)";
        }
        return of(Outcome.NO_REPLY, host, port, Transport.TCP, cause,
                "no reply from " + endpoint(host, port, Transport.TCP), why);
    }

    /** The reply ended (the server closed) while the client was still sending a long sentence. */
    public static LabException closedBeforeSentenceSent(String host, int port) {
        return of(Outcome.IO_ERROR, host, port, Transport.TCP, null,
                "the server at " + endpoint(host, port, Transport.TCP) + " ended its reply before it had taken the "
                        + "whole sentence",
                "it stopped reading and closed the connection, so the rest of the sentence could not be sent");
    }

    /** JDK 15 and later send nothing for an empty datagram on a connected socket, and say nothing either. */
    public static LabException emptyOnConnectedSocket(String host, int port) {
        return of(Outcome.IO_ERROR, host, port, Transport.UDP, null,
                "nothing sent to " + endpoint(host, port, Transport.UDP),
                "Java sends no datagram for an empty sentence on a connected UDP socket (the seed's sendto would "
                        + "send one), so type a sentence, or leave out --connected to send an empty datagram");
    }

    public static LabException datagramTooLong(String host, int port, int bytes, IOException cause) {
        return of(Outcome.IO_ERROR, host, port, Transport.UDP, cause,
                "the sentence is " + bytes + " bytes, too long for one datagram to " + endpoint(host, port,
                        Transport.UDP),
                "a UDP datagram carries at most 65,507 bytes over IPv4 (65,527 over IPv6), and UDP does not split "
                        + "a message across datagrams");
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
        if (port == 0) {
            return of(Outcome.PORT_OUT_OF_RANGE, host, port, transport, null,
                    "port 0 cannot be sent to",
                    "it only asks the system for any free port when a server binds, so nothing listens there; "
                            + "a client needs a port from 1 to 65535");
        }
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
