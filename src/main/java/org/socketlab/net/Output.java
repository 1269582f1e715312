package org.socketlab.net;

/** Where a program prints: standard output and standard error in the CLI, a recorded transcript in scenarios. */
public interface Output {
    void println(String line);

    void printError(String line);
}
