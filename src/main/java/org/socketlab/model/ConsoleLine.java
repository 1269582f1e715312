package org.socketlab.model;

/**
 * One line a program printed, as its terminal would show it.
 *
 * @param atMillis milliseconds since the scenario started
 * @param stream   {@code out} or {@code err}
 * @param text     the line, without its line break
 */
public record ConsoleLine(long atMillis, String stream, String text) {
    public static final String OUT = "out";
    public static final String ERR = "err";

    /**
     * Whether this line is the expected one: equal to it, or equal after the {@code [client] } prefix the line
     * server puts before each line it prints.
     */
    public boolean shows(String expected) {
        String wanted = spaced(expected);
        if (spaced(text).equals(wanted)) {
            return true;
        }
        return text.startsWith("[") && text.indexOf("] ") > 0
                && spaced(text.substring(text.indexOf("] ") + 2)).equals(wanted);
    }

    /**
     * Runs of spaces compare as one, and trailing ones not at all: Python's {@code print('From Server:', reply)}
     * puts a space after the colon that ends its first argument, so the seed prints "From Server:  REPLY".
     */
    private static String spaced(String line) {
        return line.replaceAll(" {2,}", " ").stripTrailing();
    }
}
