package org.socketlab.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.socketlab.model.Header;

/** A client on a raw socket: sends exactly the bytes a test gives, reads responses with a bounded wait. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** A response with a Content-Length body, or none (304, or a HEAD). */
    Response read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!endsWithEmptyLine(head.toByteArray())) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(next);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
        }
        int length = Headers.first(headers, "Content-Length").map(Integer::parseInt).orElse(0);
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Response(lines[0], Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    /** Ends this side's sending (a half close): the other side reads end of stream, and can still answer. */
    RawClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    byte[] readExactly(int length) throws IOException {
        return in.readNBytes(length);
    }

    /** Whether the other side closed the connection (end of stream) within the read timeout. */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean endsWithEmptyLine(byte[] bytes) {
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(String statusLine, int status, List<Header> headers, String body) {
        Optional<String> header(String name) {
            return Headers.first(headers, name);
        }
    }
}
