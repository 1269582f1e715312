package org.socketlab.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * The seed's UDP server: answers each datagram with its text in upper case. One thread receives and answers;
 * a UDP exchange is one datagram each way, so no client can hold the server.
 *
 * <p>A blocking {@link DatagramChannel}, IPv4 for an IPv4 address: the JDK's {@code DatagramSocket} is a dual-stack
 * IPv6 socket behind an adaptor, and the kernel's IPv6 paths and the adaptor's copies are work for every datagram.
 *
 * <p>Start it with {@link #start}; tests bind port 0 and read {@link #port()}. {@link #close()} stops the thread.
 */
public final class UdpUppercaseServer implements AutoCloseable {
    public static final String READY = "The server is ready to receive";

    private final DatagramChannel socket;
    private final int port;
    private final Output log;
    private final Thread receiver;

    private UdpUppercaseServer(DatagramChannel socket, Output log) {
        this.socket = socket;
        this.port = socket.socket().getLocalPort();
        this.log = log;
        this.receiver = new Thread(this::serve, "udp-uppercase-" + port);
        receiver.setDaemon(true);
    }

    /** Binds the address (port 0: any free port), prints {@link #READY} and starts answering. */
    public static UdpUppercaseServer start(InetSocketAddress bindAddress, Output log) throws LabException {
        DatagramChannel socket = null;
        try {
            socket = bindAddress.getAddress() instanceof Inet4Address
                    ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
            socket.bind(bindAddress);
        } catch (IOException e) {
            Closeables.closeQuietly(socket);
            throw Endpoints.bindFailure(bindAddress, Transport.UDP, e);
        }
        UdpUppercaseServer server = new UdpUppercaseServer(socket, log);
        log.println(READY);
        server.receiver.start();
        return server;
    }

    /** The port the server is bound to: the real one when it was started on port 0. */
    public int port() {
        return port;
    }

    private void serve() {
        byte[] bytes = new byte[Limits.LARGEST_DATAGRAM_BYTES]; // over IPv6 too, a datagram is never cut
        // Direct: the kernel writes into it and the sentence is copied out once, as the JDK would do itself for a heap
        // buffer through a temporary direct one of its own (BENCHMARKS.md: no difference the benchmark can show).
        ByteBuffer buffer = ByteBuffer.allocateDirect(Limits.LARGEST_DATAGRAM_BYTES);
        while (socket.isOpen()) {
            SocketAddress sender;
            try {
                buffer.clear();
                sender = socket.receive(buffer);
                buffer.flip().get(bytes, 0, buffer.remaining());
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (socket.isOpen()) {
                    log.printError("receive failed: " + e.getMessage());
                }
                continue;
            }
            answer(bytes, buffer.limit(), (InetSocketAddress) sender);
        }
    }

    private void answer(byte[] request, int length, InetSocketAddress sender) {
        Utf8Decoder.Decoded sentence = Utf8Decoder.decodeAll(request, length);
        String uppercase = Uppercase.of(sentence.text());
        byte[] reply = uppercase.getBytes(StandardCharsets.UTF_8);
        if (sentence.invalidBytes()) {
            log.printError("From " + Endpoints.show(sender)
                    + ": bytes that are not UTF-8, answered with U+FFFD in their place");
        }
        if (reply.length > Limits.SERVER_DATAGRAM_BYTES) {
            log.printError("From " + Endpoints.show(sender) + ": the upper-case reply would be " + reply.length
                    + " bytes, more than an IPv4 datagram holds (" + Limits.SERVER_DATAGRAM_BYTES + "); not answered");
            return;
        }
        try {
            socket.send(ByteBuffer.wrap(reply), sender);
            if (!sentence.invalidBytes()) {
                // Made by the log, off this thread, where the log can (the CLI's): this thread only answers. The line
                // quotes the start of the sentence, so only that is kept until then, not a datagram's worth.
                String text = sentence.text();
                long characters = text.codePointCount(0, text.length());
                String head = Text.head(text);
                String upperHead = Text.head(uppercase);
                log.println(() -> "From " + Endpoints.show(sender) + ": " + Text.quote(head, characters) + " -> "
                        + Text.quote(upperHead, characters));
            }
        } catch (ClosedChannelException closed) {
            // the server is closing
        } catch (IOException e) {
            log.printError("Reply to " + Endpoints.show(sender) + " failed: " + e.getMessage());
        }
    }

    /** Closes the socket and waits for the receiving thread to end. */
    @Override
    public void close() {
        Closeables.closeQuietly(socket);
        try {
            receiver.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
