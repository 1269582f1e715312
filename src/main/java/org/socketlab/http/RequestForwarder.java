package org.socketlab.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.socketlab.http.ClientEnd.After;
import org.socketlab.http.ClientEnd.Answer;
import org.socketlab.model.Header;
import org.socketlab.net.Durations;
import org.socketlab.net.Endpoints;
import org.socketlab.net.Limits;
import org.socketlab.net.Output;

/**
 * Forwards one checked, routed request to its origin and relays the response back: the request in origin-form,
 * its body, interim responses, the final response and its body, or a 101's switched protocol as a tunnel.
 */
final class RequestForwarder {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])( .*)?");
    /** Hop-by-hop headers meant for the proxy alone: Proxy-Authorization would leak the proxy's credentials. */
    private static final List<String> NOT_FORWARDED = List.of("Proxy-Connection", "Proxy-Authorization");

    private final LoggingProxy proxy;
    private final ClientEnd client;
    private final Socket socket;
    private final String prefix;
    private final Output log;
    private final InputStream in;
    private final OutputStream out;

    RequestForwarder(ClientEnd client) {
        this.proxy = client.proxy;
        this.client = client;
        this.socket = client.socket;
        this.prefix = client.prefix;
        this.log = client.log;
        this.in = client.in;
        this.out = client.out;
    }

    boolean forward(SeenRequest seen, String method, HttpHead head, Target target, Body.Framing body,
            InetSocketAddress address, boolean keepAlive, LoggingProxy.InFlight flight) throws IOException {
        String origin = target.host() + (address.isUnresolved() ? "" : " (" + Endpoints.show(address) + ")");
        if (address.isUnresolved()) {
            return client.answerLocally(seen, Answer.BAD_GATEWAY, "the name " + target.host() + " does not resolve",
                    After.CLOSE);
        }
        Socket upstream = Upstream.connect(client, seen, address, origin);
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
                    return client.clientBrokeRequest(broken, body);
                }
                return client.answerLocally(seen, Answer.BAD_GATEWAY, "the origin " + origin
                        + " stopped taking the request: " + broken.getMessage(), After.CLOSE);
            } catch (IOException e) {
                return client.answerLocally(seen, Answer.BAD_GATEWAY, "the origin " + origin + " stopped taking the "
                        + "request: " + e.getMessage(), After.CLOSE);
            }
            return relayResponse(seen, method, origin, upstream, up, down, keepAlive, flight);
        } finally {
            proxy.closeUpstream(upstream);
        }
    }

    private boolean relayResponse(SeenRequest seen, String method, String origin, Socket upstream, OutputStream up,
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
                return client.answerLocally(seen, Answer.BAD_GATEWAY, "the header block of " + origin
                        + "'s response is over " + Limits.HEADER_BLOCK_BYTES + " bytes", After.CLOSE);
            } catch (HttpHead.EndedEarly e) {
                return client.answerLocally(seen, Answer.BAD_GATEWAY, origin + " closed the connection in the "
                        + "middle of its response header (" + e.received() + " bytes)", After.CLOSE);
            } catch (SocketTimeoutException e) {
                return client.answerLocally(seen, Answer.GATEWAY_TIMEOUT, origin + " sent no response within "
                        + Durations.format(proxy.idleTimeout()), After.CLOSE);
            } catch (IOException e) {
                return client.answerLocally(seen, Answer.BAD_GATEWAY, "the connection to " + origin + " failed: "
                        + e.getMessage(), After.CLOSE);
            }
            if (response == null) {
                return client.answerLocally(seen, Answer.BAD_GATEWAY, origin + " closed the connection without "
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
                return client.answerLocally(seen, Answer.BAD_GATEWAY, "the response of " + origin + " is malformed: "
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
        client.printResponse("response from " + origin + ": ", statusLine, headers);
        try {
            out.write(response.bytes());
            Body.relay(framing, down, out);
        } catch (Body.Broken broken) {
            if (broken.side() == Body.Side.SOURCE) {
                // What did arrive goes to the client; the close then tells it the rest is missing.
                client.flushQuietly();
                log.printError(prefix + "the response from " + origin + " ended early (" + framing.describe()
                        + " expected; " + describeBreak(broken) + "); the client's connection is closed so it "
                        + "sees the response is incomplete");
            } else {
                log.printError(prefix + "closed the connection before the response was complete (" + broken.copied()
                        + " body bytes relayed)");
            }
            client.deliver(seen, true, status, statusLine, headers);
            return false;
        } catch (IOException e) {
            log.printError(prefix + "closed the connection before the response came: " + e.getMessage());
            client.deliver(seen, true, status, statusLine, headers);
            return false;
        }
        client.deliver(seen, true, status, statusLine, headers);
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

    private String describeBreak(Body.Broken broken) {
        if (broken.getCause() instanceof SocketTimeoutException) {
            return "nothing came for " + Durations.format(proxy.idleTimeout()) + " after " + broken.copied()
                    + " bytes";
        }
        return broken.getMessage();
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
}
