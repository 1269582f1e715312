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
        if (text.equals(expected)) {
            return true;
        }
        return text.startsWith("[") && text.indexOf("] ") > 0
                && text.substring(text.indexOf("] ") + 2).equals(expected);
    }
}
