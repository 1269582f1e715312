package org.socketlab.net;

import java.util.function.Supplier;

/** Where a program prints: standard output and standard error in the CLI, a recorded transcript in scenarios. */
public interface Output {
    void println(String line);

    /**
     * Prints a line that is made only when it is printed: a server's line per request. Where lines come faster than
     * anyone reads them, a log may leave some out, and then says how many (the CLI's server log does). The
     * supplier must only read values that no longer change. Here it is made and printed at once.
     */
    default void println(Supplier<String> line) {
        println(line.get());
    }

    void printError(String line);
}
