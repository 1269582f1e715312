package org.socketlab.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.socketlab.model.Header;
import org.socketlab.net.Limits;

/**
 * How a message's body is delimited (RFC 9112 section 6), and relaying it byte for byte: chunked bodies are
 * copied with their chunk-size lines and trailers, never re-encoded.
 */
final class Body {
    private Body() {
    }

    enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    /** A body's framing; {@code length} counts only for {@link Kind#LENGTH}. */
    record Framing(Kind kind, long length) {
        static final Framing NONE = new Framing(Kind.NONE, 0);
        static final Framing CHUNKED = new Framing(Kind.CHUNKED, -1);
        static final Framing UNTIL_CLOSE = new Framing(Kind.UNTIL_CLOSE, -1);

        String describe() {
            return switch (kind) {
                case NONE -> "no body";
                case LENGTH -> length + " bytes";
                case CHUNKED -> "a chunked body";
                case UNTIL_CLOSE -> "a body that ends when the connection closes";
            };
        }
    }

    /** A request has a body only when it says so; no framing header means no body. */
    static Framing ofRequest(List<Header> headers) throws HttpHead.Malformed {
        boolean hasLength = Headers.first(headers, "Content-Length").isPresent();
        if (Headers.first(headers, "Transfer-Encoding").isPresent()) {
            // Both at once is how request smuggling works: two servers can disagree on where the body ends.
            if (hasLength) {
                throw new HttpHead.Malformed("the request has both Transfer-Encoding and Content-Length");
            }
            if (!chunkedLast(headers)) {
                throw new HttpHead.Malformed("the request's Transfer-Encoding does not end with chunked");
            }
            return Framing.CHUNKED;
        }
        return hasLength ? length(headers) : Framing.NONE;
    }

    /** A response's framing depends on the request too: the answer to HEAD and a 304 never have a body. */
    static Framing ofResponse(String requestMethod, int status, List<Header> headers) throws HttpHead.Malformed {
        if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return Framing.NONE;
        }
        if (Headers.first(headers, "Transfer-Encoding").isPresent()) {
            return chunkedLast(headers) ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
        }
        return Headers.first(headers, "Content-Length").isPresent() ? length(headers) : Framing.UNTIL_CLOSE;
    }

    private static boolean chunkedLast(List<Header> headers) {
        List<String> values = Headers.all(headers, "Transfer-Encoding");
        String last = values.get(values.size() - 1);
        String[] codings = last.split(",");
        return codings[codings.length - 1].strip().toLowerCase(Locale.ROOT).equals("chunked");
    }

    private static Framing length(List<Header> headers) throws HttpHead.Malformed {
        String value = null;
        for (String each : Headers.all(headers, "Content-Length")) {
            for (String part : each.split(",")) {
                String candidate = part.strip();
                if (!candidate.matches("[0-9]{1,18}") || value != null && !value.equals(candidate)) {
                    throw new HttpHead.Malformed("Content-Length \"" + HttpHead.shorten(each) + "\" is not one number");
                }
                value = candidate;
            }
        }
        long length = Long.parseLong(value);
        return length == 0 ? Framing.NONE : new Framing(Kind.LENGTH, length);
    }

    /**
     * Copies one body from {@code in} to {@code out} exactly as framed, and flushes.
     *
     * @return the bytes copied, framing included
     * @throws Broken when the source fails or ends early, or the sink fails; it says which, and how far it got
     */
    static long relay(Framing framing, InputStream in, OutputStream out) throws Broken {
        Copy copy = new Copy(in, out);
        switch (framing.kind()) {
            case NONE -> { }
            case LENGTH -> copy.exactly(framing.length());
            case CHUNKED -> copy.chunks();
            case UNTIL_CLOSE -> copy.untilEnd();
        }
        copy.flush();
        return copy.copied;
    }

    /** Which end a relay broke at. */
    enum Side { SOURCE, SINK }

    /** A relay that stopped: the source failed or ended early, or the sink could not take the bytes. */
    static final class Broken extends IOException {
        private static final long serialVersionUID = 1L;
        private final Side side;
        private final long copied;

        Broken(Side side, long copied, String message, IOException cause) {
            super(message, cause);
            this.side = side;
            this.copied = copied;
        }

        Side side() {
            return side;
        }

        long copied() {
            return copied;
        }
    }

    private static final class Copy {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[16 * 1024];
        private long copied;

        Copy(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void exactly(long length) throws Broken {
            long left = length;
            while (left > 0) {
                int read = read((int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new Broken(Side.SOURCE, copied, "ended after " + (length - left) + " of " + length
                            + " bytes", null);
                }
                write(buffer, read);
                left -= read;
            }
        }

        void untilEnd() throws Broken {
            int read;
            while ((read = read(buffer.length)) >= 0) {
                write(buffer, read);
            }
        }

        void chunks() throws Broken {
            while (true) {
                byte[] sizeLine = line();
                write(sizeLine, sizeLine.length);
                long size = chunkSize(sizeLine);
                if (size == 0) {
                    break;
                }
                exactly(size);
                byte[] end = line();
                write(end, end.length);
            }
            // Trailer fields, then the empty line that ends the message.
            long trailerBytes = 0;
            while (true) {
                byte[] trailer = line();
                write(trailer, trailer.length);
                trailerBytes += trailer.length;
                if (trailer.length <= 2 && (trailer.length == 1 || trailer[0] == '\r')) {
                    return;
                }
                if (trailerBytes > Limits.HEADER_BLOCK_BYTES) {
                    throw new Broken(Side.SOURCE, copied, "trailer fields over " + Limits.HEADER_BLOCK_BYTES
                            + " bytes", new IOException("trailers too large"));
                }
            }
        }

        private long chunkSize(byte[] line) throws Broken {
            String text = HttpHead.text(line, line.length).strip();
            int extension = text.indexOf(';');
            String hex = (extension >= 0 ? text.substring(0, extension) : text).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
                throw new Broken(Side.SOURCE, copied, "the chunk-size line \"" + HttpHead.shorten(text)
                        + "\" is not a hexadecimal number", new IOException("invalid chunk size"));
            }
            return Long.parseLong(hex, 16);
        }

        /** One line with its ending, bounded so a line that never ends cannot exhaust memory. */
        private byte[] line() throws Broken {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int next;
                try {
                    next = in.read();
                } catch (IOException e) {
                    throw new Broken(Side.SOURCE, copied, String.valueOf(e.getMessage()), e);
                }
                if (next < 0) {
                    throw new Broken(Side.SOURCE, copied, "ended inside the chunked body after " + copied
                            + " bytes", null);
                }
                line.write(next);
                if (next == '\n') {
                    return line.toByteArray();
                }
                if (line.size() > Limits.LINE_BYTES) {
                    throw new Broken(Side.SOURCE, copied, "a chunked-body line over " + Limits.LINE_BYTES
                            + " bytes", new IOException("line too long"));
                }
            }
        }

        private int read(int length) throws Broken {
            try {
                return in.read(buffer, 0, length);
            } catch (IOException e) {
                throw new Broken(Side.SOURCE, copied, String.valueOf(e.getMessage()), e);
            }
        }

        private void write(byte[] bytes, int length) throws Broken {
            try {
                out.write(bytes, 0, length);
            } catch (IOException e) {
                throw new Broken(Side.SINK, copied, String.valueOf(e.getMessage()), e);
            }
            copied += length;
        }

        void flush() throws Broken {
            try {
                out.flush();
            } catch (IOException e) {
                throw new Broken(Side.SINK, copied, String.valueOf(e.getMessage()), e);
            }
        }
    }
}
