package org.socketlab.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.socketlab.http.ClientEnd.After;
import org.socketlab.http.ClientEnd.Answer;
import org.socketlab.model.Header;
import org.socketlab.net.Limits;
import org.socketlab.net.Output;

/**
 * One client connection to the {@link LoggingProxy}: its requests, one after another (keep-alive). It reads and
 * checks each request and decides where it goes; {@link RequestForwarder} forwards it, or a CONNECT becomes a
 * {@link Tunnel}, and {@link ClientEnd} answers what the proxy refuses.
 */
final class ProxyConnection {
    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");

    private final LoggingProxy proxy;
    private final ClientEnd client;
    private final RequestForwarder forwarder;
    private final Socket socket;
    private final String prefix;
    private final Output log;
    private final InputStream in;
    private final OutputStream out;

    ProxyConnection(LoggingProxy proxy, Socket socket, String address) throws IOException {
        this.proxy = proxy;
        this.client = new ClientEnd(proxy, socket, address);
        this.forwarder = new RequestForwarder(client);
        this.socket = socket;
        this.prefix = client.prefix;
        this.log = client.log;
        this.in = client.in;
        this.out = client.out;
    }

    void serve() throws IOException {
        while (true) {
            HttpHead head;
            try {
                head = HttpHead.read(in, Limits.HEADER_BLOCK_BYTES);
            } catch (HttpHead.TooLarge e) {
                LoggingProxy.InFlight flight = proxy.begin();
                try {
                    SeenRequest seen = new SeenRequest(proxy.tag(), proxy.now(), e.firstLine(), List.of(), false);
                    client.answerLocally(seen, Answer.HEADERS_TOO_LARGE, "the request's header block is over "
                            + Limits.HEADER_BLOCK_BYTES + " bytes (it starts \"" + HttpHead.shorten(e.firstLine())
                            + "\")", After.CLOSE);
                } finally {
                    flight.close();
                }
                return;
            } catch (HttpHead.EndedEarly e) {
                log.printError(prefix + "closed the connection in the middle of a request, after " + e.received()
                        + " bytes of its header block; nothing was forwarded");
                return;
            }
            if (head == null) {
                return; // The client closed its keep-alive connection between requests: the normal end.
            }
            try (LoggingProxy.InFlight flight = proxy.begin()) {
                if (!handle(head, flight)) {
                    return;
                }
            }
        }
    }

    /** Answers one request; returns whether the connection can carry another. */
    private boolean handle(HttpHead head, LoggingProxy.InFlight flight) throws IOException {
        String requestLine = head.startLine();
        SeenRequest seen = new SeenRequest(proxy.tag(), proxy.now(), requestLine, List.of(), false);
        String[] parts = requestLine.split(" ", -1);
        boolean connect = parts.length == 3 && parts[0].equals("CONNECT");
        if (connect) {
            log.println(prefix + "CONNECT " + ClientEnd.printable(parts[1].getBytes(StandardCharsets.ISO_8859_1)));
        } else {
            client.printRequest(head);
        }
        if (parts.length != 3 || !METHOD.matcher(parts[0]).matches() || !VERSION.matcher(parts[2]).matches()) {
            return client.answerLocally(seen, Answer.BAD_REQUEST, "the request line \"" + HttpHead.shorten(requestLine)
                    + "\" is not METHOD TARGET HTTP/1.1", After.CLOSE);
        }
        List<Header> headers;
        try {
            headers = head.headers();
        } catch (HttpHead.Malformed e) {
            return client.answerLocally(seen, Answer.BAD_REQUEST, e.getMessage(), After.CLOSE);
        }
        // Only a CONNECT's host and port are logged and kept: its headers may carry Proxy-Authorization.
        seen = seen.withHeaders(connect ? List.of() : headers, parts[0].equals("HEAD"));
        if (connect) {
            return connect(seen, parts[1], flight);
        }
        Target target;
        Body.Framing body;
        try {
            if (Headers.all(headers, "Host").size() > 1) {
                throw new HttpHead.Malformed("the request has more than one Host header");
            }
            target = Target.of(parts[1], Headers.first(headers, "Host"));
            body = Body.ofRequest(headers);
        } catch (HttpHead.Malformed e) {
            return client.answerLocally(seen, Answer.BAD_REQUEST, e.getMessage(), After.CLOSE);
        }
        boolean keepAlive = wantsKeepAlive(parts[2], headers);
        Optional<InetSocketAddress> route = proxy.routes().route(target.host(), target.port());
        if (route.isEmpty()) {
            // Read the body the client sends anyway (Chromium's update POST), so the connection stays usable.
            if (!discard(body)) {
                return false;
            }
            return client.answerLocally(seen, Answer.FORBIDDEN, notForwarded(target.host()),
                    keepAlive ? After.KEEP_OPEN : After.CLOSE);
        }
        if (isSelf(route.get(), socket)) {
            return client.answerLocally(seen, Answer.BAD_REQUEST, "the request names this proxy itself ("
                    + target.hostAndPort() + "); forwarding it would loop", After.CLOSE);
        }
        return forwarder.forward(seen, parts[0], head, target, body, route.get(), keepAlive, flight);
    }

    /**
     * Whether forwarding there would send the request back to this proxy, in an endless loop.
     *
     * @param accepted a connection this proxy accepted: its local end is the address and port the proxy listens on
     */
    private static boolean isSelf(InetSocketAddress target, Socket accepted) {
        if (target.isUnresolved() || target.getPort() != accepted.getLocalPort()) {
            return false;
        }
        InetAddress address = target.getAddress();
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                || address.equals(accepted.getLocalAddress())) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private String notForwarded(String host) {
        return "socket-lab's proxy runs in lab mode and forwards only to " + proxy.routes().allowed() + "; "
                + host + " was not contacted";
    }

    private boolean connect(SeenRequest seen, String authority, LoggingProxy.InFlight flight) throws IOException {
        Target target;
        try {
            target = Target.ofConnect(authority);
        } catch (HttpHead.Malformed e) {
            return client.answerLocally(seen, Answer.BAD_REQUEST, e.getMessage(), After.CLOSE);
        }
        Optional<InetSocketAddress> route = proxy.routes().route(target.host(), target.port());
        if (route.isEmpty()) {
            // Browsers open a new connection per CONNECT and drop this one after a refusal (curl with a reset),
            // so closing it ourselves is what they expect.
            return client.answerLocally(seen, Answer.FORBIDDEN, notForwarded(target.host()), After.CLOSE);
        }
        InetSocketAddress address = route.get();
        String where = target.hostAndPort();
        if (address.isUnresolved()) {
            return client.answerLocally(seen, Answer.BAD_GATEWAY, "the name " + target.host() + " does not resolve",
                    After.CLOSE);
        }
        if (isSelf(address, socket)) {
            return client.answerLocally(seen, Answer.BAD_REQUEST, "CONNECT names this proxy itself (" + where
                    + "); tunnelling it would loop", After.CLOSE);
        }
        Socket upstream = Upstream.connect(client, seen, address, where);
        if (upstream == null) {
            return false;
        }
        try {
            String established = "HTTP/1.1 200 Connection Established";
            out.write((established + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            log.println(prefix + "tunnel to " + where + " open");
            client.deliver(seen, true, 200, established, List.of());
            flight.close(); // The exchange is complete; the tunnel may last minutes.
            long[] bytes = Tunnel.run(socket, in, out, upstream, new BufferedInputStream(upstream.getInputStream()),
                    upstream.getOutputStream(), proxy.idleTimeout());
            log.println(prefix + "tunnel to " + where + " closed: " + bytes[0] + " bytes from the client, " + bytes[1]
                    + " from the server");
            return false;
        } finally {
            proxy.closeUpstream(upstream);
        }
    }

    private static boolean wantsKeepAlive(String version, List<Header> headers) {
        if (Headers.hasToken(headers, "Connection", "close")
                || Headers.hasToken(headers, "Proxy-Connection", "close")) {
            return false;
        }
        return version.equals("HTTP/1.1") || Headers.hasToken(headers, "Connection", "keep-alive")
                || Headers.hasToken(headers, "Proxy-Connection", "keep-alive");
    }

    /** Reads and drops a request body; false when the client broke off (the connection is then unusable). */
    private boolean discard(Body.Framing body) throws SocketTimeoutException {
        try {
            Body.relay(body, in, OutputStream.nullOutputStream());
            return true;
        } catch (Body.Broken broken) {
            client.clientBrokeRequest(broken, body);
            return false;
        }
    }
}
