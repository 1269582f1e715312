package org.socketlab.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.socketlab.model.Header;
import org.socketlab.model.HttpExchange;
import org.socketlab.net.Durations;
import org.socketlab.net.Endpoints;
import org.socketlab.net.Limits;
import org.socketlab.net.Output;
import org.socketlab.net.Utf8Decoder;

/** One client connection to the {@link LoggingProxy}: its requests, one after another (keep-alive). */
final class ProxyConnection {
    /** The response headers an exchange keeps and the log shows: the ones HTTP caching runs on. */
    static final List<String> CACHING_HEADERS =
            List.of("ETag", "Last-Modified", "Cache-Control", "Date", "Age", "Expires");

    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])( .*)?");
    /** Hop-by-hop headers meant for the proxy alone: Proxy-Authorization would leak the proxy's credentials. */
    private static final List<String> NOT_FORWARDED = List.of("Proxy-Connection", "Proxy-Authorization");

    private final LoggingProxy proxy;
    private final Socket socket;
    private final String address;
    private final String prefix;
    private final Output log;
    private final InputStream in;
    private final OutputStream out;

    ProxyConnection(LoggingProxy proxy, Socket socket, String address) throws IOException {
        this.proxy = proxy;
        this.socket = socket;
        this.address = address;
        this.prefix = "[" + address + "] ";
        this.log = proxy.log();
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** What the proxy knows of a request when it answers: enough for an {@link HttpExchange}. */
    private record Seen(LoggingProxy.Tag tag, long atMillis, String requestLine, List<Header> headers,
            boolean head) {
        Seen withHeaders(List<Header> parsed, boolean isHead) {
            return new Seen(tag, atMillis, requestLine, parsed, isHead);
        }
    }

    void serve() throws IOException {
        while (true) {
            HttpHead head;
            try {
                head = HttpHead.read(in, Limits.HEADER_BLOCK_BYTES);
            } catch (HttpHead.TooLarge e) {
                LoggingProxy.InFlight flight = proxy.begin();
                try {
                    Seen seen = new Seen(proxy.tag(), proxy.now(), e.firstLine(), List.of(), false);
                    answerLocally(seen, Answer.HEADERS_TOO_LARGE, "the request's header block is over "
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
        Seen seen = new Seen(proxy.tag(), proxy.now(), requestLine, List.of(), false);
        String[] parts = requestLine.split(" ", -1);
        boolean connect = parts.length == 3 && parts[0].equals("CONNECT");
        if (connect) {
            log.println(prefix + "CONNECT " + printable(parts[1].getBytes(StandardCharsets.ISO_8859_1)));
        } else {
            printRequest(head);
        }
        if (parts.length != 3 || !METHOD.matcher(parts[0]).matches() || !VERSION.matcher(parts[2]).matches()) {
            return answerLocally(seen, Answer.BAD_REQUEST, "the request line \"" + HttpHead.shorten(requestLine)
                    + "\" is not METHOD TARGET HTTP/1.1", After.CLOSE);
        }
        List<Header> headers;
        try {
            headers = head.headers();
        } catch (HttpHead.Malformed e) {
            return answerLocally(seen, Answer.BAD_REQUEST, e.getMessage(), After.CLOSE);
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
            return answerLocally(seen, Answer.BAD_REQUEST, e.getMessage(), After.CLOSE);
        }
        boolean keepAlive = wantsKeepAlive(parts[2], headers);
        Optional<InetSocketAddress> route = proxy.routes().route(target.host(), target.port());
        if (route.isEmpty()) {
            // Read the body the client sends anyway (Chromium's update POST), so the connection stays usable.
            if (!discard(body)) {
                return false;
            }
            return answerLocally(seen, Answer.FORBIDDEN, notForwarded(target.host()),
                    keepAlive ? After.KEEP_OPEN : After.CLOSE);
        }
        if (isSelf(route.get(), socket)) {
            return answerLocally(seen, Answer.BAD_REQUEST, "the request names this proxy itself ("
                    + target.hostAndPort() + "); forwarding it would loop", After.CLOSE);
        }
        return forward(seen, parts[0], head, target, body, route.get(), keepAlive, flight);
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

    private boolean forward(Seen seen, String method, HttpHead head, Target target, Body.Framing body,
            InetSocketAddress address, boolean keepAlive, LoggingProxy.InFlight flight) throws IOException {
        String origin = target.host() + (address.isUnresolved() ? "" : " (" + Endpoints.show(address) + ")");
        if (address.isUnresolved()) {
            return answerLocally(seen, Answer.BAD_GATEWAY, "the name " + target.host() + " does not resolve",
                    After.CLOSE);
        }
        Socket upstream = connectUpstream(seen, address, origin);
        if (upstream == null) {
            return false;
        }
        try {
            OutputStream up = new BufferedOutputStream(upstream.getOutputStream());
            InputStream down = new BufferedInputStream(upstream.getInputStream());
            try {
                up.write(forwardedHead(head, target));
                Body.relay(body, in, up);
            } catch (Body.Broken broken) {
                if (broken.side() == Body.Side.SOURCE) {
                    return clientBrokeRequest(broken, body);
                }
                return answerLocally(seen, Answer.BAD_GATEWAY, "the origin " + origin
                        + " stopped taking the request: " + broken.getMessage(), After.CLOSE);
            } catch (IOException e) {
                return answerLocally(seen, Answer.BAD_GATEWAY, "the origin " + origin + " stopped taking the "
                        + "request: " + e.getMessage(), After.CLOSE);
            }
            return relayResponse(seen, method, origin, upstream, up, down, keepAlive, flight);
        } finally {
            proxy.closeUpstream(upstream);
        }
    }

    private boolean clientBrokeRequest(Body.Broken broken, Body.Framing body) throws SocketTimeoutException {
        if (broken.getCause() instanceof SocketTimeoutException timeout) {
            throw timeout; // StreamServer logs an idle client in its usual words.
        }
        log.printError(prefix + "closed the connection in the middle of its request body (" + broken.copied()
                + " bytes of " + body.describe() + " relayed); the origin's connection was closed too");
        return false;
    }

    private boolean relayResponse(Seen seen, String method, String origin, Socket upstream, OutputStream up,
            InputStream down, boolean keepAlive, LoggingProxy.InFlight flight) throws IOException {
        HttpHead response;
        String statusLine;
        List<Header> headers;
        int status;
        Body.Framing framing;
        while (true) {
            try {
                response = HttpHead.read(down, Limits.HEADER_BLOCK_BYTES);
            } catch (HttpHead.TooLarge e) {
                return answerLocally(seen, Answer.BAD_GATEWAY, "the header block of " + origin
                        + "'s response is over " + Limits.HEADER_BLOCK_BYTES + " bytes", After.CLOSE);
            } catch (HttpHead.EndedEarly e) {
                return answerLocally(seen, Answer.BAD_GATEWAY, origin + " closed the connection in the middle of "
                        + "its response header (" + e.received() + " bytes)", After.CLOSE);
            } catch (SocketTimeoutException e) {
                return answerLocally(seen, Answer.GATEWAY_TIMEOUT, origin + " sent no response within "
                        + Durations.format(proxy.idleTimeout()), After.CLOSE);
            } catch (IOException e) {
                return answerLocally(seen, Answer.BAD_GATEWAY, "the connection to " + origin + " failed: "
                        + e.getMessage(), After.CLOSE);
            }
            if (response == null) {
                return answerLocally(seen, Answer.BAD_GATEWAY, origin + " closed the connection without "
                        + "answering", After.CLOSE);
            }
            statusLine = response.startLine();
            var matcher = STATUS_LINE.matcher(statusLine);
            try {
                if (!matcher.matches()) {
                    throw new HttpHead.Malformed("the status line \"" + HttpHead.shorten(statusLine)
                            + "\" from " + origin + " is not HTTP/1.1 NNN reason");
                }
                headers = response.headers();
                status = Integer.parseInt(matcher.group(1));
                framing = Body.ofResponse(method, status, headers);
            } catch (HttpHead.Malformed e) {
                return answerLocally(seen, Answer.BAD_GATEWAY, "the response of " + origin + " is malformed: "
                        + e.getMessage(), After.CLOSE);
            }
            if (status / 100 != 1 || status == 101) {
                break;
            }
            // An interim response (100 Continue): relay it, the final one follows.
            log.println(prefix + "interim response from " + origin + ": " + statusLine);
            out.write(response.bytes());
            out.flush();
        }
        printResponse("response from " + origin + ": ", statusLine, headers);
        try {
            out.write(response.bytes());
            Body.relay(framing, down, out);
        } catch (Body.Broken broken) {
            if (broken.side() == Body.Side.SOURCE) {
                flushQuietly(); // What did arrive goes to the client; the close then tells it the rest is missing.
                log.printError(prefix + "the response from " + origin + " ended early (" + framing.describe()
                        + " expected; " + describeBreak(broken) + "); the client's connection is closed so it "
                        + "sees the response is incomplete");
            } else {
                log.printError(prefix + "closed the connection before the response was complete (" + broken.copied()
                        + " body bytes relayed)");
            }
            deliver(seen, true, status, statusLine, headers);
            return false;
        } catch (IOException e) {
            log.printError(prefix + "closed the connection before the response came: " + e.getMessage());
            deliver(seen, true, status, statusLine, headers);
            return false;
        }
        deliver(seen, true, status, statusLine, headers);
        if (status == 101) {
            // Switching Protocols (e.g. WebSocket): from now on the bytes are the new protocol's, both ways.
            flight.close(); // As for a CONNECT tunnel: the exchange is complete, the connection may last minutes.
            long[] bytes = Tunnel.run(socket, in, out, upstream, down, up, proxy.idleTimeout());
            log.println(prefix + "switched-protocol connection to " + origin + " closed: " + bytes[0]
                    + " bytes from the client, " + bytes[1] + " from the origin");
            return false;
        }
        return keepAlive && framing.kind() != Body.Kind.UNTIL_CLOSE
                && !Headers.hasToken(headers, "Connection", "close");
    }

    private void flushQuietly() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // The client is gone too; the connection is closed next either way.
        }
    }

    private String describeBreak(Body.Broken broken) {
        if (broken.getCause() instanceof SocketTimeoutException) {
            return "nothing came for " + Durations.format(proxy.idleTimeout()) + " after " + broken.copied()
                    + " bytes";
        }
        return broken.getMessage();
    }

    private boolean connect(Seen seen, String authority, LoggingProxy.InFlight flight) throws IOException {
        Target target;
        try {
            target = Target.ofConnect(authority);
        } catch (HttpHead.Malformed e) {
            return answerLocally(seen, Answer.BAD_REQUEST, e.getMessage(), After.CLOSE);
        }
        Optional<InetSocketAddress> route = proxy.routes().route(target.host(), target.port());
        if (route.isEmpty()) {
            // Browsers open a new connection per CONNECT and drop this one after a refusal (curl with a reset),
            // so closing it ourselves is what they expect.
            return answerLocally(seen, Answer.FORBIDDEN, notForwarded(target.host()), After.CLOSE);
        }
        InetSocketAddress address = route.get();
        String where = target.hostAndPort();
        if (address.isUnresolved()) {
            return answerLocally(seen, Answer.BAD_GATEWAY, "the name " + target.host() + " does not resolve",
                    After.CLOSE);
        }
        if (isSelf(address, socket)) {
            return answerLocally(seen, Answer.BAD_REQUEST, "CONNECT names this proxy itself (" + where
                    + "); tunnelling it would loop", After.CLOSE);
        }
        Socket upstream = connectUpstream(seen, address, where);
        if (upstream == null) {
            return false;
        }
        try {
            String established = "HTTP/1.1 200 Connection Established";
            out.write((established + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            log.println(prefix + "tunnel to " + where + " open");
            deliver(seen, true, 200, established, List.of());
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

    /**
     * Connects to an origin or a tunnel's target, with the proxy's connect timeout, and sets the idle timeout on
     * the socket. When the connection fails it answers the client (502, or 504 for a timeout) and returns null;
     * the caller then closes the client's connection.
     *
     * @param where how the log and the answer name the other end, e.g. {@code lab.test (127.0.0.1:8080)}
     */
    private Socket connectUpstream(Seen seen, InetSocketAddress address, String where) throws IOException {
        Socket upstream = proxy.openUpstream();
        try {
            upstream.connect(address, (int) proxy.connectTimeout().toMillis());
            upstream.setSoTimeout((int) proxy.idleTimeout().toMillis());
            return upstream;
        } catch (IOException e) {
            proxy.closeUpstream(upstream);
            ConnectFailure failure = ConnectFailure.of(e);
            answerLocally(seen, failure.answer, failure.describe(where, e), After.CLOSE);
            return null;
        }
    }

    /** Why a connection to an origin failed, as the client's answer and the log say it. */
    enum ConnectFailure {
        REFUSED(Answer.BAD_GATEWAY),
        TIMEOUT(Answer.GATEWAY_TIMEOUT),
        IO_ERROR(Answer.BAD_GATEWAY);

        private final Answer answer;

        ConnectFailure(Answer answer) {
            this.answer = answer;
        }

        /**
         * Classifies by the exception's type and message: the JDK reports an operating system's connect timeout
         * (no SYN-ACK before the system gives up) as a ConnectException saying "timed out", not as the
         * SocketTimeoutException of our own connect timeout.
         */
        static ConnectFailure of(IOException e) {
            String message = String.valueOf(e.getMessage());
            if (e instanceof ConnectException && message.contains("refused")) {
                return REFUSED;
            }
            if (e instanceof SocketTimeoutException || message.contains("timed out")) {
                return TIMEOUT;
            }
            return IO_ERROR;
        }

        int status() {
            return answer.status;
        }

        String describe(String where, IOException e) {
            return "could not connect to " + where + ": " + switch (this) {
                case REFUSED -> "nothing is listening there (connection refused)";
                case TIMEOUT -> "no answer to the connection request";
                case IO_ERROR -> e.getMessage();
            };
        }
    }

    /**
     * The request as the origin gets it: the request line in origin-form, the headers meant for the proxy left
     * out, the {@code Host} header set to the absolute URI's authority (RFC 9112 3.2.2), every other byte as the
     * client sent it, line endings included.
     */
    static byte[] forwardedHead(HttpHead head, Target target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] parts = head.startLine().split(" ", -1);
        bytes.writeBytes((parts[0] + " " + target.originForm() + " " + parts[2]).getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(head.rawStartLineEnding());
        boolean hostWritten = false;
        for (byte[] line : head.rawHeaderLines()) {
            String name = HttpHead.name(line);
            if (NOT_FORWARDED.stream().anyMatch(name::equalsIgnoreCase)) {
                continue;
            }
            if (name.equalsIgnoreCase("Host") && target.absolute()) {
                hostWritten = true;
                try {
                    if (!HttpHead.parseHeader(line).value().equalsIgnoreCase(target.authority())) {
                        bytes.writeBytes(hostLine(target));
                        continue;
                    }
                } catch (HttpHead.Malformed impossible) {
                    throw new IllegalStateException("headers were parsed before", impossible);
                }
            }
            bytes.writeBytes(line);
        }
        if (!hostWritten && target.absolute()) {
            bytes.writeBytes(hostLine(target));
        }
        bytes.writeBytes(head.rawEmptyLine());
        return bytes.toByteArray();
    }

    private static byte[] hostLine(Target target) {
        return ("Host: " + target.authority() + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
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
            clientBrokeRequest(broken, body);
            return false;
        }
    }

    /** The answers the proxy gives itself. */
    private enum Answer {
        BAD_REQUEST(400, "Bad Request"),
        FORBIDDEN(403, "Forbidden"),
        HEADERS_TOO_LARGE(431, "Request Header Fields Too Large"),
        BAD_GATEWAY(502, "Bad Gateway"),
        GATEWAY_TIMEOUT(504, "Gateway Timeout");

        final int status;
        final String reason;

        Answer(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }
    }

    /** What becomes of the connection after a local answer. */
    private enum After { KEEP_OPEN, CLOSE }

    /**
     * Answers from the proxy itself, with a plain-text body saying why, logs it and delivers the exchange.
     *
     * @return whether the connection stays open for another request
     */
    private boolean answerLocally(Seen seen, Answer answer, String why, After after) throws IOException {
        boolean close = after == After.CLOSE;
        String statusLine = "HTTP/1.1 " + answer.status + " " + answer.reason;
        byte[] body = ("socket-lab proxy: " + answer.status + " " + answer.reason + ": " + why + "\n")
                .getBytes(StandardCharsets.UTF_8);
        String head = statusLine + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        String line = prefix + "answered by the proxy, not forwarded: " + statusLine + " (" + why + ")";
        if (answer == Answer.FORBIDDEN) {
            log.println(line); // Lab mode refusing a browser's background request is expected, not a problem.
        } else {
            log.printError(line);
        }
        deliver(seen, false, answer.status, statusLine, List.of());
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!seen.head()) {
            out.write(body);
        }
        out.flush();
        if (close) {
            lingeringClose();
        }
        return !close;
    }

    /**
     * Closes after an error answer without losing it: closing a socket with unread request bytes makes TCP send
     * a reset, which can destroy the answer before the client reads it. So: send FIN, read what is left for a
     * short while, then let StreamServer close.
     */
    private void lingeringClose() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(1_000);
            byte[] sink = new byte[8192];
            long drained = 0;
            int read;
            while (drained < 1_048_576 && (read = in.read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException ignored) {
            // The client went away or stayed silent: either way the connection is closed next.
        }
    }

    private void deliver(Seen seen, boolean forwarded, int status, String statusLine, List<Header> responseHeaders) {
        boolean conditional = Headers.first(seen.headers(), "If-None-Match").isPresent()
                || Headers.first(seen.headers(), "If-Modified-Since").isPresent();
        String client = seen.tag().client() != null ? seen.tag().client() : address;
        proxy.deliver(new HttpExchange(seen.tag().load(), client, seen.requestLine(), List.copyOf(seen.headers()),
                conditional, forwarded, status, statusLine, cachingHeaders(responseHeaders), seen.atMillis()));
    }

    private static List<Header> cachingHeaders(List<Header> headers) {
        List<Header> kept = new ArrayList<>();
        for (Header header : headers) {
            if (CACHING_HEADERS.stream().anyMatch(header.name()::equalsIgnoreCase)) {
                kept.add(header);
            }
        }
        return List.copyOf(kept);
    }

    /** The request line and headers exactly as received, in one block so other connections cannot interleave. */
    private void printRequest(HttpHead head) {
        StringJoiner block = new StringJoiner("\n");
        for (byte[] line : head.printableLines()) {
            block.add(prefix + printable(line));
        }
        log.println(block.toString());
    }

    private void printResponse(String intro, String statusLine, List<Header> headers) {
        StringJoiner block = new StringJoiner("\n");
        block.add(prefix + intro + statusLine);
        for (Header header : cachingHeaders(headers)) {
            block.add(prefix + "  " + printable((header.name() + ": " + header.value())
                    .getBytes(StandardCharsets.ISO_8859_1)));
        }
        log.println(block.toString());
    }

    /** A received line for the console, decoded as the line server decodes its lines. */
    private static String printable(byte[] line) {
        return Utf8Decoder.printableLine(line, line.length);
    }
}
