package org.socketlab.programs;

import java.time.Duration;

/**
 * How a {@link ChildProcess} ended.
 *
 * @param exitCode     its exit code, or 128 + the signal's number after a signal, as a shell shows it; null when it
 *                     was killed here (or could not be killed in time, and {@link ChildProcess#isAlive()} is true)
 * @param stoppedFor   why it ended early, or {@link Limit#NONE}; a limit reached is reported even when the program
 *                     exited on its own before the kill, with its exit code
 * @param ran          from start to exit
 * @param droppedBytes output bytes beyond the output limit, read and thrown away
 */
public record Ending(Integer exitCode, Limit stoppedFor, Duration ran, long droppedBytes) {
}
