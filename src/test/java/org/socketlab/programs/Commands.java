package org.socketlab.programs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** For tests that need a program installed: asks by running it to its end ({@link ChildProcessBuilder#run}). */
public final class Commands {
    private Commands() {
    }

    /** Whether the command starts and exits with status 0 within {@code max}; false if there is no such program. */
    public static boolean runs(List<String> command, Duration max) {
        try {
            return ChildProcess.command(command).run(max).succeeded();
        } catch (IOException notThere) {
            return false;
        }
    }
}
