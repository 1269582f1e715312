package org.socketlab.net;

import java.time.Duration;

/**
 * How one client run ended.
 *
 * @param outcome the reply, or the failure
 * @param reply   the reply's text, or null
 * @param failure the failure, or null
 * @param elapsed from the first network action of this phase (connect, or send) to its end
 */
public record ClientRun(Outcome outcome, String reply, LabException failure, Duration elapsed) {
    static ClientRun replied(String reply, Duration elapsed) {
        return new ClientRun(Outcome.REPLY, reply, null, elapsed);
    }

    static ClientRun failed(LabException failure, Duration elapsed) {
        return new ClientRun(failure.outcome(), null, failure, elapsed);
    }

    public int exitCode() {
        return outcome.exitCode();
    }
}
