package org.socketlab.net;

import java.util.function.Supplier;

/** Where a program prints: standard output and standard error in the CLI, a recorded transcript in scenarios. */
public interface Output {
    void println(String line);

    /**
     * Prints a line that is made only when it is printed. A server's log line per request costs the thread that
     * answers nothing when the log makes its lines on a thread of its own (the CLI's server log); elsewhere it is
     * made at once. The supplier must only read values that no longer change.
     */
    default void println(Supplier<String> line) {
        println(line.get());
    }

    void printError(String line);
}
