package org.socketlab.net;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 that arrives in pieces, as TCP delivers it: a character split across two reads is kept until its
 * last byte comes, and invalid bytes become U+FFFD while {@link #sawInvalidBytes()} remembers that they came.
 * Not thread-safe: one per connection.
 */
public final class Utf8Decoder {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** Made for the first bytes that are not ASCII: a server decodes ASCII sentences without one. */
    private CharsetDecoder decoder;
    private ByteBuffer pending = NOTHING;
    private boolean invalid;

    /** The text the bytes complete; an unfinished character at the end waits for the next call. */
    public String decode(byte[] bytes, int length) {
        if (!pending.hasRemaining() && isAscii(bytes, length)) {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII); // the common case, without a decoder
        }
        ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
        input.put(pending).put(bytes, 0, length).flip();
        String text = run(input, false);
        pending = input.slice();
        return text;
    }

    /** The rest at end of stream: an unfinished character there is invalid. */
    public String finish() {
        if (decoder == null) {
            return ""; // only ASCII came: nothing is left over
        }
        ByteBuffer input = pending;
        pending = NOTHING;
        String text = run(input, true);
        CharBuffer tail = CharBuffer.allocate(4);
        decoder.flush(tail);
        decoder.reset();
        return text + tail.flip();
    }

    public boolean sawInvalidBytes() {
        return invalid;
    }

    private String run(ByteBuffer input, boolean endOfInput) {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        CharBuffer out = CharBuffer.allocate(input.remaining() + 1);
        while (true) {
            CoderResult result = decoder.decode(input, out, endOfInput);
            if (result.isError()) {
                invalid = true;
                input.position(input.position() + result.length());
                out.put('\uFFFD');
            } else if (result.isOverflow()) {
                CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 1);
                out.flip();
                out = bigger.put(out);
            } else {
                return out.flip().toString();
            }
        }
    }

    /**
     * The length of the bytes without the unfinished character a cut at a byte limit can leave at their end, so
     * that a cut is not mistaken for invalid UTF-8. Invalid bytes are left in, for the decoder to report.
     */
    public static int withoutUnfinishedTail(byte[] bytes, int length) {
        int start = length - 1;
        while (start >= 0 && length - start < 4 && (bytes[start] & 0xC0) == 0x80) {
            start--; // back over continuation bytes (10xxxxxx) to the byte that starts the last character
        }
        if (start < 0) {
            return length;
        }
        int lead = bytes[start] & 0xFF;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - start < needed ? start : length;
    }

    /**
     * A received line as a console prints it: UTF-8 where valid, cut at {@link Limits#LINE_BYTES} when longer,
     * with a note saying so for each. A character the cut splits is dropped, not reported as invalid UTF-8.
     *
     * @param length how many bytes of {@code raw} the line has, its line ending already left out
     */
    public static String printableLine(byte[] raw, int length) {
        boolean cut = length > Limits.LINE_BYTES;
        Decoded line = decodeAll(raw, cut ? withoutUnfinishedTail(raw, Limits.LINE_BYTES) : length);
        return line.text()
                + (cut ? " [line cut at " + Limits.LINE_BYTES + " bytes]" : "")
                + (line.invalidBytes() ? " [bytes that are not UTF-8 shown as U+FFFD]" : "");
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes a whole message at once, such as a datagram. */
    public static Decoded decodeAll(byte[] bytes, int length) {
        if (isAscii(bytes, length)) {
            return new Decoded(new String(bytes, 0, length, StandardCharsets.US_ASCII), false);
        }
        Utf8Decoder decoder = new Utf8Decoder();
        String text = decoder.decode(bytes, length) + decoder.finish();
        return new Decoded(text, decoder.sawInvalidBytes());
    }

    /** A decoded message and whether it held bytes that are not UTF-8. */
    public record Decoded(String text, boolean invalidBytes) {
    }
}
