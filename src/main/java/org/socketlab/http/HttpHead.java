package org.socketlab.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.socketlab.model.Header;

/**
 * A request's or a response's header block exactly as it crossed the wire: its start line and header lines, each
 * kept with its own line ending, so the proxy can print them as received and relay them unchanged.
 */
final class HttpHead {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Each line with its ending ({@code \r\n} or a bare {@code \n}); the last one is the empty line. */
    private final List<byte[]> rawLines;

    private HttpHead(List<byte[]> rawLines) {
        this.rawLines = rawLines;
    }

    /**
     * Reads one header block, skipping empty lines before it (RFC 9112 lets a server ignore them).
     *
     * @return the block, or null when the stream ended before its first byte (a keep-alive connection closed
     *         between requests)
     * @throws TooLarge   when the block grows over {@code limit} bytes
     * @throws EndedEarly when the stream ends inside the block
     */
    static HttpHead read(InputStream in, int limit) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int next = in.read();
            if (next < 0) {
                if (total == 0 || lines.isEmpty() && line.size() == 0) {
                    return null;
                }
                throw new EndedEarly(total);
            }
            total++;
            line.write(next);
            if (total > limit) {
                throw new TooLarge(limit, firstLine(lines, line));
            }
            if (next != '\n') {
                continue;
            }
            byte[] raw = line.toByteArray();
            line.reset();
            boolean empty = raw.length == 1 || raw.length == 2 && raw[0] == '\r';
            if (empty && lines.isEmpty()) {
                continue;
            }
            lines.add(raw);
            if (empty) {
                return new HttpHead(lines);
            }
        }
    }

    private static String firstLine(List<byte[]> lines, ByteArrayOutputStream partial) {
        byte[] first = lines.isEmpty() ? partial.toByteArray() : lines.get(0);
        return text(first, Math.min(first.length, 200));
    }

    /** The start line without its ending: {@code GET http://lab.test/ HTTP/1.1} or {@code HTTP/1.1 200 OK}. */
    String startLine() {
        return text(rawLines.get(0), contentLength(rawLines.get(0)));
    }

    /** The lines as received, without their endings and without the final empty line, for printing. */
    List<byte[]> printableLines() {
        List<byte[]> printable = new ArrayList<>();
        for (byte[] raw : rawLines.subList(0, rawLines.size() - 1)) {
            printable.add(java.util.Arrays.copyOf(raw, contentLength(raw)));
        }
        return printable;
    }

    /** The raw header lines (not the start line, not the final empty line), with their endings. */
    List<byte[]> rawHeaderLines() {
        return rawLines.subList(1, rawLines.size() - 1);
    }

    byte[] rawStartLineEnding() {
        return ending(rawLines.get(0));
    }

    byte[] rawEmptyLine() {
        return rawLines.get(rawLines.size() - 1);
    }

    /** The whole block as received. */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        rawLines.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /**
     * The header fields, in order.
     *
     * @throws Malformed for a line that is not {@code name: value}, or an obsolete folded line
     */
    List<Header> headers() throws Malformed {
        List<Header> headers = new ArrayList<>();
        for (byte[] raw : rawHeaderLines()) {
            headers.add(parseHeader(raw));
        }
        return headers;
    }

    static Header parseHeader(byte[] raw) throws Malformed {
        String line = text(raw, contentLength(raw));
        int colon = line.indexOf(':');
        // A folded line (starting with a space) and a space before the colon are both forbidden by RFC 9112,
        // because proxies and origins could disagree on where a header ends.
        if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
            throw new Malformed("the header line \"" + shorten(line) + "\" is not \"Name: value\"");
        }
        return new Header(line.substring(0, colon), line.substring(colon + 1).strip());
    }

    static String name(byte[] rawHeaderLine) {
        String line = text(rawHeaderLine, contentLength(rawHeaderLine));
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(0, colon);
    }

    private static int contentLength(byte[] raw) {
        int length = raw.length;
        if (length > 0 && raw[length - 1] == '\n') {
            length--;
        }
        if (length > 0 && raw[length - 1] == '\r') {
            length--;
        }
        return length;
    }

    private static byte[] ending(byte[] raw) {
        int content = contentLength(raw);
        return java.util.Arrays.copyOfRange(raw, content, raw.length);
    }

    /** ISO-8859-1 maps each byte to one char, so parsing never changes or loses a byte. */
    static String text(byte[] raw, int length) {
        return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** The header block grew over the limit before its empty line came. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final String firstLine;

        TooLarge(int limit, String firstLine) {
            super("header block over " + limit + " bytes");
            this.firstLine = firstLine;
        }

        /** The start of the first line received, for the log and the exchange record. */
        String firstLine() {
            return firstLine;
        }
    }

    /** The stream ended in the middle of a header block or a body. */
    static final class EndedEarly extends IOException {
        private static final long serialVersionUID = 1L;
        private final long received;

        EndedEarly(long received) {
            super("the connection closed after " + received + " bytes");
            this.received = received;
        }

        long received() {
            return received;
        }
    }

    /** A start line or header line that breaks HTTP/1.1's syntax. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
