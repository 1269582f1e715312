package org.socketlab.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The seed's UDP client. Unconnected (the seed's way), a datagram to a port where nothing listens simply gets no
 * reply: Linux keeps the ICMP port unreachable from an unconnected socket. Connected ({@link
 * ClientOptions#connected()}), the same ICMP message surfaces as {@link Outcome#PORT_UNREACHABLE}.
 */
public final class UdpUppercaseClient implements UppercaseClient {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final ClientOptions options;

    private UdpUppercaseClient(DatagramSocket socket, InetSocketAddress server, ClientOptions options) {
        this.socket = socket;
        this.server = server;
        this.options = options;
    }

    /** Opens the socket (connecting it when asked); nothing is sent yet, so nothing can fail on the network. */
    public static UdpUppercaseClient open(ClientOptions options) throws LabException {
        InetSocketAddress server = Endpoints.remote(options.host(), options.port(), Transport.UDP);
        DatagramSocket socket = null;
        try {
            socket = new DatagramSocket();
            if (options.connected()) {
                socket.connect(server);
            }
            return new UdpUppercaseClient(socket, server, options);
        } catch (SocketException e) {
            if (socket != null) {
                socket.close();
            }
            throw LabException.io(options.host(), options.port(), Transport.UDP, e);
        }
    }

    /** The client's own port, the one the server answers to. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Sends the sentence in one datagram and waits up to the timeout for the server's reply. */
    @Override
    public String exchange(String sentence) throws LabException {
        byte[] bytes = sentence.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 && socket.isConnected()) {
            // Checked on JDK 17 and 25: send() returns as if done and nothing leaves, so say so instead of waiting.
            throw LabException.emptyOnConnectedSocket(options.host(), options.port());
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("too long")) {
                throw LabException.datagramTooLong(options.host(), options.port(), bytes.length, e);
            }
            throw failure(e);
        }
        try {
            return receiveReply();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private LabException failure(IOException e) {
        if (e instanceof LabException lab) {
            return lab; // already says what happened (a truncated reply)
        }
        if (e instanceof PortUnreachableException) {
            return LabException.portUnreachable(options.host(), options.port(), e);
        }
        if (e instanceof SocketTimeoutException) {
            return LabException.noReply(options.host(), options.port(), Transport.UDP, options.timeout(), e);
        }
        return LabException.io(options.host(), options.port(), Transport.UDP, e);
    }

    private String receiveReply() throws IOException {
        // One byte more than the buffer: a datagram that fills it was longer than the buffer and got cut.
        byte[] buffer = new byte[options.bufferBytes() + 1];
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            if (!fromServer(reply)) {
                continue; // an unconnected socket hears anyone; only the server's answer counts
            }
            if (reply.getLength() > options.bufferBytes()) {
                throw LabException.truncated(options.host(), options.port(), options.bufferBytes());
            }
            return Utf8Decoder.decodeAll(buffer, reply.getLength()).text();
        }
    }

    /**
     * From the server's port and address, or, when the server is on this machine, from any of this machine's
     * addresses: a server bound to 0.0.0.0 answers a datagram sent to 127.0.1.1 (Debian's own host name) from
     * 127.0.0.1.
     */
    private boolean fromServer(DatagramPacket reply) {
        if (reply.getPort() != server.getPort()) {
            return false;
        }
        InetAddress from = reply.getAddress();
        return from.equals(server.getAddress()) || (isThisMachine(server.getAddress()) && isThisMachine(from));
    }

    private static boolean isThisMachine(InetAddress address) {
        try {
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private int remainingMillis(long deadline) throws SocketTimeoutException {
        if (options.timeout().isZero()) {
            return 0;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("Receive timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    @Override
    public void close() {
        socket.close();
    }
}
