package org.socketlab.lab;

import org.socketlab.net.Outcome;
import org.socketlab.programs.Ending;

/**
 * How a program that is not socket-lab's own ended, as read from what it did.
 *
 * @param outcome  what happened: a reply, connection refused, ...
 * @param reply    for a reply, the line the program printed with it; else null
 * @param quote    the program's own line that decided, e.g. {@code ConnectionRefusedError: [Errno 111] ...}
 * @param evidence which evidence decided, in words: "exit status 1 and the program's words (Python)"
 * @param end      the process's ending: exit status, limit, time
 */
record ProgramEnding(Outcome outcome, String reply, String quote, String evidence, Ending end) {
    /** For the report's "observed" side: the outcome, the program's own words, and what decided. */
    String observed() {
        String said = quote == null ? "" : ": \"" + quote + "\"";
        return (outcome == Outcome.REPLY ? "the client received \"" + reply + "\"" : outcome.phrase() + said)
                + " (decided by " + evidence + ")";
    }
}
