package org.socketlab.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Drops the templates' indentation and empty lines from the page as it is written, except inside {@code <pre>},
 * where every space is the program's own. The templates stay readable, and a report of a thousand scenarios is
 * about an eighth smaller (issue 13: under 5 MB).
 *
 * <p>Safe because everything a template prints from the report is HTML-escaped: a {@code <pre>} in the output is
 * always the template's own tag, never a program's text. Outside {@code <pre>}, whitespace at a line's start is
 * not shown by a browser ({@code white-space: pre-line} collapses it too). Not thread-safe, like any Writer.
 */
final class IndentStrippingWriter extends FilterWriter {
    private static final String OPEN = "<pre";
    private static final String CLOSE = "</pre>";

    /** The last few characters written, to spot {@code <pre} and {@code </pre>}. */
    private final StringBuilder tail = new StringBuilder(8);
    private boolean inPre;
    private boolean lineStart = true;

    IndentStrippingWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        write(new String(buffer, offset, length), 0, length);
    }

    /** Writes what is kept of the text in one call, so that a large page is not written a character at a time. */
    @Override
    public void write(String text, int offset, int length) throws IOException {
        StringBuilder kept = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            char ch = text.charAt(i);
            if (!inPre && lineStart && (ch == ' ' || ch == '\t' || ch == '\n')) {
                continue; // indentation, or an empty line
            }
            lineStart = ch == '\n';
            kept.append(ch);
            track(ch);
        }
        out.write(kept.toString());
    }

    private void track(char ch) {
        tail.append(ch);
        if (tail.length() > CLOSE.length()) {
            tail.deleteCharAt(0);
        }
        if (!inPre && tail.length() >= OPEN.length() + 1 && isOpenPre()) {
            inPre = true;
        } else if (inPre && tail.length() == CLOSE.length() && CLOSE.contentEquals(tail)) {
            inPre = false;
        }
    }

    /** {@code <pre>} or {@code <pre } (with attributes), not {@code <prefix>}. */
    private boolean isOpenPre() {
        int at = tail.length() - OPEN.length() - 1;
        char after = tail.charAt(tail.length() - 1);
        return tail.indexOf(OPEN, at) == at && (after == '>' || after == ' ');
    }
}
