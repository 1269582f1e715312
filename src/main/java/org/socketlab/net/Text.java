package org.socketlab.net;

/** How servers quote what a client sent in one log line: escaped, and cut when long. */
final class Text {
    static final int PREVIEW_CHARS = 60;

    private Text() {
    }

    static String quote(String text) {
        return quote(text, text.codePoints().count());
    }

    /** Quotes the start of a text of which only the head was kept, with its full length in characters. */
    static String quote(String text, long totalCharacters) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().limit(PREVIEW_CHARS).forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                quoted.append("\\n");
            } else if (c == '\r') {
                quoted.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\x%02x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        quoted.append('"');
        if (totalCharacters > PREVIEW_CHARS) {
            quoted.append("… (").append(totalCharacters).append(" characters)");
        }
        return quoted.toString();
    }
}
