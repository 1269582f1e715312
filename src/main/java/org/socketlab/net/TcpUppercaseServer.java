package org.socketlab.net;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The seed's TCP server, concurrent: reads what a client sends and writes it back in upper case.
 *
 * <p>The reply is streamed as the text arrives, so the seed's client (which sends once, reads once, and never
 * closes its side) gets its answer at once, and a Java client that sends a megabyte and then half-closes gets
 * all of it. A character split between two reads is upper-cased whole ({@link Utf8Decoder}). Every connection is
 * served on one selector thread ({@link SelectorServer}), so a silent client delays nobody and costs a socket, not
 * a thread.
 */
public final class TcpUppercaseServer implements AutoCloseable {
    public static final String READY = UdpUppercaseServer.READY;

    private final SelectorServer server;

    private TcpUppercaseServer(SelectorServer server) {
        this.server = server;
    }

    public static TcpUppercaseServer start(InetSocketAddress bindAddress, Output log) throws LabException {
        return start(bindAddress, log, Limits.IDLE_TIMEOUT);
    }

    /** Starts with another idle timeout, for tests that show what happens to a silent client. */
    public static TcpUppercaseServer start(InetSocketAddress bindAddress, Output log, Duration idleTimeout)
            throws LabException {
        return new TcpUppercaseServer(SelectorServer.start("tcp-uppercase", bindAddress, log, READY, idleTimeout,
                client -> new Answer(client, log)));
    }

    public int port() {
        return server.port();
    }

    /** Connections being served now. */
    public int openConnections() {
        return server.openConnections();
    }

    /** One connection's conversation: each read answered at once, the log line at the client's end of stream. */
    private static final class Answer implements Conversation {
        private final String client;
        private final Output log;
        private final Utf8Decoder decoder = new Utf8Decoder();
        private final Preview received = new Preview();

        Answer(String client, Output log) {
            this.client = client;
            this.log = log;
        }

        @Override
        public byte[] received(byte[] bytes, int length) {
            return answer(decoder.decode(bytes, length));
        }

        @Override
        public byte[] ended() {
            return answer(decoder.finish());
        }

        private byte[] answer(String text) {
            String upper = Uppercase.of(text);
            received.add(text, upper);
            return upper.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void finished() {
            if (decoder.sawInvalidBytes()) {
                log.printError("From " + client + ": bytes that are not UTF-8, answered with U+FFFD in their place");
            } else {
                // The conversation is over: nothing the line reads changes now, so the log may make it later.
                log.println(() -> "From " + client + ": " + received.quote() + " -> " + received.quoteUppercase());
            }
        }
    }

    /** The log quotes only the start of a sentence; a megabyte need not be kept to say so. */
    private static final class Preview {
        private final StringBuilder head = new StringBuilder();
        private final StringBuilder upperHead = new StringBuilder(); // its upper case, as it was sent
        private long characters;

        void add(String text, String upper) {
            characters += text.codePointCount(0, text.length());
            keepHead(head, text);
            keepHead(upperHead, upper);
        }

        private static void keepHead(StringBuilder kept, String text) {
            if (kept.length() < Text.PREVIEW_CHARS * 2) {
                kept.append(Text.head(text));
            }
        }

        String quote() {
            return Text.quote(head.toString(), characters);
        }

        String quoteUppercase() {
            return Text.quote(upperHead.toString(), characters);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
