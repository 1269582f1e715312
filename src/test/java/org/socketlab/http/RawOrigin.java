package org.socketlab.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An origin on a raw server socket, for what LabOrigin cannot do: it reads exactly the number of request bytes the
 * test expects, records them, answers with exactly the bytes it was given (possibly a broken response), and closes.
 */
final class RawOrigin implements AutoCloseable {
    private final ServerSocket server;
    private final BlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();
    private final Thread thread;

    private RawOrigin(int requestBytes, byte[] response) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(requestBytes, response), "raw-origin");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads {@code requestBytes} bytes of each request, then writes {@code response} and closes. */
    static RawOrigin start(int requestBytes, byte[] response) throws IOException {
        return new RawOrigin(requestBytes, response);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The next request's bytes as received; fails after 5 s. */
    byte[] takeRequest() throws InterruptedException {
        byte[] request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the origin received no complete request within 5 s");
        }
        return request;
    }

    private void serve(int requestBytes, byte[] response) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                connection.setSoTimeout(5_000);
                InputStream in = connection.getInputStream();
                requests.add(in.readNBytes(requestBytes));
                connection.getOutputStream().write(response);
                connection.getOutputStream().flush();
            } catch (IOException e) {
                // Closed by the test, or a connection the test broke on purpose.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
