package org.socketlab.net;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a program run ended with: a reply, or one of the failures the assignment's questions provoke.
 * Each has the process exit code the CLI returns and the phrase feature files use ("connection refused").
 * Exit code 2 is left to picocli's usage errors.
 */
public enum Outcome {
    REPLY(0, "reply"),
    IO_ERROR(1, "I/O error"),
    CONNECTION_REFUSED(3, "connection refused"),
    NO_REPLY(4, "no reply"),
    PORT_UNREACHABLE(5, "port unreachable"),
    CONNECTION_RESET(6, "connection reset"),
    CONNECT_TIMEOUT(7, "connect timeout"),
    TRUNCATED(8, "truncated reply"),
    PORT_IN_USE(9, "port in use"),
    PORT_OUT_OF_RANGE(10, "port out of range"),
    UNKNOWN_HOST(11, "unknown host"),
    PERMISSION_DENIED(12, "permission denied");

    private final int exitCode;
    private final String phrase;

    Outcome(int exitCode, String phrase) {
        this.exitCode = exitCode;
        this.phrase = phrase;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The words a feature file uses for this outcome, e.g. {@code connection refused}. */
    public String phrase() {
        return phrase;
    }

    /** The outcome a feature file names, case-insensitively, or an error listing the phrases there are. */
    public static Outcome ofPhrase(String phrase) {
        String wanted = phrase.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(outcome -> outcome.phrase.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome \"" + phrase + "\"; known: "
                        + String.join(", ", Arrays.stream(values()).map(Outcome::phrase).toList())));
    }
}
