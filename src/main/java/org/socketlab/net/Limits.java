package org.socketlab.net;

import java.time.Duration;

/**
 * Every limit the servers and the proxy enforce, in one place (the README lists them). Each protects the server
 * and its other clients from one client: a limit reached gets that client a clear answer or a clean close.
 */
public final class Limits {
    private Limits() {
    }

    /** The receive buffer of a UDP client, as the seed's {@code recvfrom(2048)}; longer replies are reported as cut. */
    public static final int CLIENT_DATAGRAM_BYTES = 2048;

    /**
     * The longest reply the UDP server sends: the largest payload an IPv4 datagram can carry (65,535 less the IP
     * and UDP headers). A longer upper case is not answered, with a log line saying why.
     */
    public static final int SERVER_DATAGRAM_BYTES = 65_507;

    /** The largest payload of any UDP datagram (IPv6: 65,535 less the UDP header): a buffer this size cuts none. */
    public static final int LARGEST_DATAGRAM_BYTES = 65_527;

    /** A line longer than this is cut by the line server and the proxy, which say so. */
    public static final int LINE_BYTES = 8 * 1024;

    /** The request or response header block the proxy accepts before answering 431 / 502. */
    public static final int HEADER_BLOCK_BYTES = 64 * 1024;

    /**
     * A TCP connection that sends nothing for this long, or whose reply waits this long for the client to read it,
     * is closed, so idle clients cannot hold a server forever.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** Connections a TCP server serves at once; one more is closed at once, with a line in the server's log. */
    public static final int MAX_CONNECTIONS = 4096;

    /** How long the proxy waits for an origin (or a CONNECT target) to accept its connection before answering 502. */
    public static final Duration PROXY_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long one headless browser page load may take before the browser is killed. A first Chromium launch
     * after installing takes about 10 s, later ones about 2 s.
     */
    public static final Duration BROWSER_LOAD_TIMEOUT = Duration.ofSeconds(45);

    /**
     * Connections the kernel completes and queues for a TCP server before it accepts them (the listen backlog,
     * capped by {@code net.core.somaxconn}). When the queue is full, the kernel drops further connection requests
     * and each of those clients waits for its SYN to be sent again, 1 s later, then 3 s: with a queue of 128, 2,000
     * clients connecting at once took 15 s. Queued connections cost the kernel little, so the queue holds as many
     * as the server serves.
     */
    public static final int ACCEPT_BACKLOG = MAX_CONNECTIONS;

    /** How long a client waits for its connection (TCP) and for its reply when no timeout is given. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);
}
