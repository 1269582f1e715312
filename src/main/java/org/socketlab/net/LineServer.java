package org.socketlab.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Part 2's server: prints every line each client sends, as it arrives, prefixed with the client's address
 * ({@code [127.0.0.1:3337] GET http://lab.test/ HTTP/1.1}), and answers nothing. Pointed at by a browser as
 * its proxy, it shows the browser's requests, headers and all. Lines longer than {@link Limits#LINE_BYTES}
 * are cut, and the server says so.
 */
public final class LineServer implements AutoCloseable {
    private final StreamServer server;

    private LineServer(StreamServer server) {
        this.server = server;
    }

    public static LineServer start(InetSocketAddress bindAddress, Output log) throws LabException {
        return start(bindAddress, log, Limits.IDLE_TIMEOUT);
    }

    public static LineServer start(InetSocketAddress bindAddress, Output log, Duration idleTimeout)
            throws LabException {
        String ready = "Server listening on " + bindAddress.getAddress().getHostAddress() + " : {port}";
        return new LineServer(StreamServer.start("line-server", bindAddress, log, ready, idleTimeout,
                (connection, client) -> printLines(connection, client, log)));
    }

    public int port() {
        return server.port();
    }

    /** Connections being served now. */
    public int openConnections() {
        return server.openConnections();
    }

    /** How a printed line names its client: {@code [127.0.0.1:3337] }. */
    public static String prefix(String client) {
        return "[" + client + "] ";
    }

    private static void printLines(Socket connection, String client, Output log) throws IOException {
        log.println("Connection has been established with: " + client);
        InputStream in = new BufferedInputStream(connection.getInputStream());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int lines = 0;
        int next;
        while ((next = in.read()) >= 0) {
            if (next == '\n') {
                print(log, client, line);
                lines++;
                line.reset();
            } else if (line.size() <= Limits.LINE_BYTES) {
                line.write(next); // one byte more than the limit is kept: it tells the line was cut
            }
        }
        if (line.size() > 0) {
            print(log, client, line);
            lines++;
        }
        log.println(client + " closed the connection after " + lines + (lines == 1 ? " line" : " lines"));
    }

    private static void print(Output log, String client, ByteArrayOutputStream bytes) {
        byte[] raw = bytes.toByteArray();
        boolean crlf = raw.length > 0 && raw.length <= Limits.LINE_BYTES && raw[raw.length - 1] == '\r';
        log.println(prefix(client) + Utf8Decoder.printableLine(raw, crlf ? raw.length - 1 : raw.length));
    }

    @Override
    public void close() {
        server.close();
    }
}
