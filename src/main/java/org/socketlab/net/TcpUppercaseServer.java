package org.socketlab.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The seed's TCP server, concurrent: reads what a client sends and writes it back in upper case.
 *
 * <p>The reply is streamed as the text arrives, so the seed's client (which sends once, reads once, and never
 * closes its side) gets its answer at once, and a Java client that sends a megabyte and then half-closes gets
 * all of it. A character split between two reads is upper-cased whole ({@link Utf8Decoder}).
 */
public final class TcpUppercaseServer implements AutoCloseable {
    public static final String READY = UdpUppercaseServer.READY;

    private final StreamServer server;

    private TcpUppercaseServer(StreamServer server) {
        this.server = server;
    }

    public static TcpUppercaseServer start(InetSocketAddress bindAddress, Output log) throws LabException {
        return start(bindAddress, log, Limits.IDLE_TIMEOUT);
    }

    /** Starts with another idle timeout, for tests that show what happens to a silent client. */
    public static TcpUppercaseServer start(InetSocketAddress bindAddress, Output log, Duration idleTimeout)
            throws LabException {
        return new TcpUppercaseServer(StreamServer.start("tcp-uppercase", bindAddress, log, READY, idleTimeout,
                (connection, client) -> answer(connection, client, log)));
    }

    public int port() {
        return server.port();
    }

    /** Connections being served now. */
    public int openConnections() {
        return server.openConnections();
    }

    private static void answer(Socket connection, String client, Output log) throws IOException {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        Utf8Decoder decoder = new Utf8Decoder();
        Preview received = new Preview();
        byte[] buffer = new byte[8192];
        int count;
        while ((count = in.read(buffer)) >= 0) {
            String text = decoder.decode(buffer, count);
            received.add(text);
            out.write(Uppercase.of(text).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        String rest = decoder.finish();
        received.add(rest);
        out.write(Uppercase.of(rest).getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (decoder.sawInvalidBytes()) {
            log.printError("From " + client + ": bytes that are not UTF-8, answered with U+FFFD in their place");
        } else {
            log.println("From " + client + ": " + received.quote() + " -> " + received.quoteUppercase());
        }
    }

    /** The log quotes only the start of a sentence; a megabyte need not be kept to say so. */
    private static final class Preview {
        private final StringBuilder head = new StringBuilder();
        private long characters;

        void add(String text) {
            characters += text.codePointCount(0, text.length());
            if (head.length() < Text.PREVIEW_CHARS * 2) {
                head.append(text, 0, Math.min(text.length(), Text.PREVIEW_CHARS * 2));
            }
        }

        String quote() {
            return Text.quote(head.toString(), characters);
        }

        String quoteUppercase() {
            return Text.quote(Uppercase.of(head.toString()), characters);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
