package org.socketlab.lab;

/**
 * How the bench shows a run in the report: as the command a student would type for it (the host only when it is
 * not the default, arguments quoted for a POSIX shell), and how long it ran.
 */
final class ShownCommand {
    /** The address programs bind and send to unless the feature chose another; the programs' own default. */
    static final String DEFAULT_HOST = "127.0.0.1";

    private ShownCommand() {
    }

    /** {@code " --bind ::1"} for another host; nothing for the default, which a student would not type. */
    static String hostOption(String host, String option) {
        return host.equals(DEFAULT_HOST) ? "" : " " + option + " " + host;
    }

    /** The text as one shell word, single-quoted. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A word as a shell needs it: as it is when it holds only plain characters, else quoted. */
    static String quotedIfNeeded(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : quoted(word);
    }

    static long microsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
