package org.socketlab.net;

/** How servers quote what a client sent in one log line: escaped, and cut when long. */
final class Text {
    static final int PREVIEW_CHARS = 60;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {
    }

    /** As much of the start of a text as {@link #quote(String, long)} can show: to keep for a line made later. */
    static String head(String text) {
        return text.length() <= PREVIEW_CHARS * 2 ? text : text.substring(0, PREVIEW_CHARS * 2);
    }

    static String quote(String text) {
        return quote(text, text.codePointCount(0, text.length()));
    }

    /** Quotes the start of a text of which only the head was kept, with its full length in characters. */
    static String quote(String text, long totalCharacters) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), PREVIEW_CHARS) + 32).append('"');
        int shown = 0;
        for (int i = 0; i < text.length() && shown < PREVIEW_CHARS; shown++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                quoted.append("\\n");
            } else if (c == '\r') {
                quoted.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                quoted.appendCodePoint(c);
            }
        }
        quoted.append('"');
        if (totalCharacters > PREVIEW_CHARS) {
            quoted.append("… (").append(totalCharacters).append(" characters)");
        }
        return quoted.toString();
    }
}
