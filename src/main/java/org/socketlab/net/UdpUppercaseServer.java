package org.socketlab.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * The seed's UDP server: answers each datagram with its text in upper case. One thread receives and answers;
 * a UDP exchange is one datagram each way, so no client can hold the server.
 *
 * <p>Start it with {@link #start}; tests bind port 0 and read {@link #port()}. {@link #close()} stops the thread.
 */
public final class UdpUppercaseServer implements AutoCloseable {
    public static final String READY = "The server is ready to receive";

    private final DatagramSocket socket;
    private final Output log;
    private final Thread receiver;

    private UdpUppercaseServer(DatagramSocket socket, Output log) {
        this.socket = socket;
        this.log = log;
        this.receiver = new Thread(this::serve, "udp-uppercase-" + socket.getLocalPort());
        receiver.setDaemon(true);
    }

    /** Binds the address (port 0: any free port), prints {@link #READY} and starts answering. */
    public static UdpUppercaseServer start(InetSocketAddress bindAddress, Output log) throws LabException {
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(bindAddress);
        } catch (IOException e) {
            throw Endpoints.bindFailure(bindAddress, Transport.UDP, e);
        }
        UdpUppercaseServer server = new UdpUppercaseServer(socket, log);
        log.println(READY);
        server.receiver.start();
        return server;
    }

    /** The port the server is bound to: the real one when it was started on port 0. */
    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[Limits.LARGEST_DATAGRAM_BYTES]; // over IPv6 too, a datagram is never cut
        while (!socket.isClosed()) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(request);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.printError("receive failed: " + e.getMessage());
                }
                continue;
            }
            answer(request);
        }
    }

    private void answer(DatagramPacket request) {
        String client = Endpoints.show((InetSocketAddress) request.getSocketAddress());
        Utf8Decoder.Decoded sentence = Utf8Decoder.decodeAll(request.getData(), request.getLength());
        String uppercase = Uppercase.of(sentence.text());
        byte[] reply = uppercase.getBytes(StandardCharsets.UTF_8);
        if (sentence.invalidBytes()) {
            log.printError("From " + client + ": bytes that are not UTF-8, answered with U+FFFD in their place");
        }
        if (reply.length > Limits.SERVER_DATAGRAM_BYTES) {
            log.printError("From " + client + ": the upper-case reply would be " + reply.length
                    + " bytes, more than an IPv4 datagram holds (" + Limits.SERVER_DATAGRAM_BYTES + "); not answered");
            return;
        }
        try {
            socket.send(new DatagramPacket(reply, reply.length, request.getSocketAddress()));
            if (!sentence.invalidBytes()) {
                log.println("From " + client + ": " + Text.quote(sentence.text()) + " -> " + Text.quote(uppercase));
            }
        } catch (SocketException e) {
            if (!socket.isClosed()) {
                log.printError("Reply to " + client + " failed: " + e.getMessage());
            }
        } catch (IOException e) {
            log.printError("Reply to " + client + " failed: " + e.getMessage());
        }
    }

    /** Closes the socket and waits for the receiving thread to end. */
    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
