package org.socketlab.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seed's TCP client: connects first (so with no server it fails before asking for a sentence, as the seed
 * does), sends the sentence, half-closes its side, and reads the reply until the server closes.
 */
public final class TcpUppercaseClient implements UppercaseClient {
    /** Sentences up to this size are written whole before reading: socket buffers take them and their reply. */
    private static final int INLINE_WRITE_BYTES = 64 * 1024;

    private final Socket socket;
    private final ClientOptions options;
    private final long connectedAt = System.nanoTime();

    private TcpUppercaseClient(Socket socket, ClientOptions options) {
        this.socket = socket;
        this.options = options;
    }

    /** Connects within the timeout; a refusal comes back at once, as the RST that answers the SYN. */
    public static TcpUppercaseClient connect(ClientOptions options) throws LabException {
        InetSocketAddress server = Endpoints.remote(options.host(), options.port(), Transport.TCP);
        Socket socket = new Socket();
        try {
            socket.connect(server, options.timeoutMillis());
            socket.setSoTimeout(options.timeoutMillis());
            return new TcpUppercaseClient(socket, options);
        } catch (IOException e) {
            Closeables.closeQuietly(socket);
            throw Endpoints.connectFailure(options.host(), options.port(), options.timeout(), e);
        }
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public String exchange(String sentence) throws LabException {
        try {
            Duration connectedFor = Duration.ofNanos(System.nanoTime() - connectedAt);
            byte[] bytes = sentence.getBytes(StandardCharsets.UTF_8);
            byte[] reply = bytes.length <= INLINE_WRITE_BYTES ? sendThenRead(bytes) : sendWhileReading(bytes);
            if (reply.length == 0 && bytes.length > 0) {
                // Every sentence has an upper case: silence is a server that is not answering, not an answer.
                throw LabException.closedWithoutReply(options.host(), options.port(), connectedFor, null);
            }
            return Utf8Decoder.decodeAll(reply, reply.length).text();
        } catch (LabException e) {
            throw e; // says what happened already; it is an IOException, so keep it from the catches below
        } catch (SocketTimeoutException e) {
            throw LabException.noReply(options.host(), options.port(), Transport.TCP, options.timeout(), e);
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                throw LabException.connectionReset(options.host(), options.port(), e);
            }
            throw LabException.io(options.host(), options.port(), Transport.TCP, e);
        } catch (IOException e) {
            throw LabException.io(options.host(), options.port(), Transport.TCP, e);
        }
    }

    private byte[] sendThenRead(byte[] bytes) throws IOException {
        send(bytes);
        return readUntilClosed();
    }

    private void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.shutdownOutput();
    }

    /**
     * The server answers while it reads, so a long sentence written whole before reading would fill both ends'
     * buffers and leave both blocked in write(): it is written on a thread of its own while this one reads.
     */
    private byte[] sendWhileReading(byte[] bytes) throws IOException {
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                send(bytes);
            } catch (IOException e) {
                writeFailure.set(e);
            }
        }, "tcp-client-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            byte[] reply = readUntilClosed();
            writer.join(options.timeoutMillis()); // 0: as long as it takes, as the timeout says
            if (writer.isAlive()) {
                throw LabException.closedBeforeSentenceSent(options.host(), options.port());
            }
            if (writeFailure.get() != null) {
                // The reply ended normally, so the server closed while the rest of the sentence was on its way.
                throw LabException.closedBeforeSentenceSent(options.host(), options.port());
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while sending");
        } finally {
            if (writer.isAlive()) {
                Closeables.closeQuietly(socket); // unblocks the writer; the exchange has failed anyway
            }
        }
    }

    /** The whole reply, within one deadline for all of it: a server that trickles bytes cannot hold us longer. */
    private byte[] readUntilClosed() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (true) {
            int count;
            try {
                if (!options.timeout().isZero()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new SocketTimeoutException("Read timed out");
                    }
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                }
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                if (reply.size() > 0) {
                    // A server that answers but never closes (a classic slip in a student's server) is not silent.
                    throw LabException.replyNotClosed(options.host(), options.port(), options.timeout(),
                            Utf8Decoder.decodeAll(reply.toByteArray(), reply.size()).text(), reply.size(), e);
                }
                throw e;
            }
            if (count < 0) {
                return reply.toByteArray();
            }
            reply.write(buffer, 0, count);
        }
    }

    @Override
    public void close() {
        Closeables.closeQuietly(socket);
    }
}
