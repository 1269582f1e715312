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
     * Whether the line shows the expected text: the whole line, or its end after a prefix the program adds
     * (socket-lab's line server prints {@code [address] } before each line, the seed's Part 2 server
     * {@code Client received message: } before the first).
     */
    public boolean shows(String expected) {
        String wanted = spaced(expected);
        if (spaced(text).equals(wanted)) {
            return true;
        }
        // After a prefix of the program's own: socket-lab's "[address] ", the seed's "Client received message: ".
        String printed = spaced(text);
        if (!wanted.isEmpty() && printed.endsWith(wanted) && printed.length() > wanted.length()) {
            char before = printed.charAt(printed.length() - wanted.length() - 1);
            return before == ' ' || before == ':' || before == ']';
        }
        return false;
    }

    /**
     * Runs of spaces compare as one, and trailing ones not at all: Python's {@code print('From Server:', reply)}
     * puts a space after the colon that ends its first argument, so the seed prints "From Server:  REPLY".
     */
    private static String spaced(String line) {
        return line.replaceAll(" {2,}", " ").stripTrailing();
    }
}
