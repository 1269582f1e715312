package org.socketlab.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sends lines of text to a TCP server (the line server) and closes, as {@code nc} would. */
public final class LineClient {
    private LineClient() {
    }

    /** Connects, writes each line with a line break, in UTF-8, and closes; returns the bytes sent. */
    public static long send(ClientOptions options, List<String> lines) throws LabException {
        InetSocketAddress server = Endpoints.remote(options.host(), options.port(), Transport.TCP);
        try (Socket socket = new Socket()) {
            try {
                socket.connect(server, options.timeoutMillis());
            } catch (IOException e) {
                throw Endpoints.connectFailure(options.host(), options.port(), options.timeout(), e);
            }
            return write(socket, lines);
        } catch (LabException e) {
            throw e;
        } catch (IOException e) {
            // Connected already, so this came while sending (the server reset the connection, say): not a connect
            // failure, and the system's own words say best what it was.
            throw LabException.io(options.host(), options.port(), Transport.TCP, e);
        }
    }

    /**
     * Writes all the lines in one write, as a browser sends its request: a server that reads once, as the seed's
     * Part 2 server does with recv(1024), then gets all of a short request, not only its first line.
     */
    private static long write(Socket socket, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return bytes.length;
    }
}
