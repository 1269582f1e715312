package org.socketlab.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.socketlab.model.Header;
import org.socketlab.model.HttpExchange;
import org.socketlab.net.Output;
import org.socketlab.net.Utf8Decoder;

/**
 * The client's end of one {@link ProxyConnection}: its socket and streams, the answers the proxy gives it without
 * forwarding, and what the log and the listener are told about its requests. Shared by the request forwarding and
 * the CONNECT tunnelling, so both answer, log and deliver exchanges in the same words.
 */
final class ClientEnd {
    /** The response headers an exchange keeps and the log shows: the ones HTTP caching runs on. */
    static final List<String> CACHING_HEADERS =
            List.of("ETag", "Last-Modified", "Cache-Control", "Date", "Age", "Expires");

    final LoggingProxy proxy;
    final Socket socket;
    final String prefix;
    final Output log;
    final InputStream in;
    final OutputStream out;
    private final String address;

    ClientEnd(LoggingProxy proxy, Socket socket, String address) throws IOException {
        this.proxy = proxy;
        this.socket = socket;
        this.address = address;
        this.prefix = "[" + address + "] ";
        this.log = proxy.log();
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** The answers the proxy gives itself. */
    enum Answer {
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
    enum After { KEEP_OPEN, CLOSE }

    /**
     * Answers from the proxy itself, with a plain-text body saying why, logs it and delivers the exchange.
     *
     * @return whether the connection stays open for another request
     */
    boolean answerLocally(SeenRequest seen, Answer answer, String why, After after) throws IOException {
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

    void deliver(SeenRequest seen, boolean forwarded, int status, String statusLine, List<Header> responseHeaders) {
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
    void printRequest(HttpHead head) {
        StringJoiner block = new StringJoiner("\n");
        for (byte[] line : head.printableLines()) {
            block.add(prefix + printable(line));
        }
        log.println(block.toString());
    }

    void printResponse(String intro, String statusLine, List<Header> headers) {
        StringJoiner block = new StringJoiner("\n");
        block.add(prefix + intro + statusLine);
        for (Header header : cachingHeaders(headers)) {
            block.add(prefix + "  " + printable((header.name() + ": " + header.value())
                    .getBytes(StandardCharsets.ISO_8859_1)));
        }
        log.println(block.toString());
    }

    /** A received line for the console, decoded as the line server decodes its lines. */
    static String printable(byte[] line) {
        return Utf8Decoder.printableLine(line, line.length);
    }

    /** Logs a client that broke off its request body; the connection is unusable after it. */
    boolean clientBrokeRequest(Body.Broken broken, Body.Framing body) throws SocketTimeoutException {
        if (broken.getCause() instanceof SocketTimeoutException timeout) {
            throw timeout; // StreamServer logs an idle client in its usual words.
        }
        log.printError(prefix + "closed the connection in the middle of its request body (" + broken.copied()
                + " bytes of " + body.describe() + " relayed); the origin's connection was closed too");
        return false;
    }

    void flushQuietly() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // The client is gone too; the connection is closed next either way.
        }
    }
}
