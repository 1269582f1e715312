package org.socketlab.grader;

/** Long texts shortened for graders' files, saying that they were. */
final class Texts {
    /** A scenario's story fits in far less; more is a runaway error message. */
    static final int TEST_OUTPUT_LIMIT = 8_000;
    private static final String CUT = "\n… (shortened; the whole story is in the lab report)";

    private Texts() {
    }

    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        if (limit <= CUT.length()) {
            return "";
        }
        int end = limit - CUT.length();
        // Never split a surrogate pair: half a character is not valid UTF-8.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }
}
