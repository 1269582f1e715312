package org.socketlab.model;

/**
 * One program a step ran, written as the command a student would type to run it by hand.
 *
 * @param role             the console it printed to: {@code client}, {@code server}, {@code browser}, ...
 * @param command          e.g. {@code socket-lab udp-client --port 12000 --message "asmaa"} (lab ports)
 * @param outcome          for clients, the outcome's phrase ({@code reply}, {@code connection refused}, ...);
 *                         for servers, {@code started} or the failure's phrase
 * @param reply            the reply's text, or null
 * @param exceptionClass   the JDK exception behind a failure, e.g. {@code java.net.PortUnreachableException}
 * @param exceptionMessage that exception's own message, e.g. {@code Connection refused}
 * @param message          the program's one-line explanation of the failure, or null
 * @param atMillis         when it started, in milliseconds since the scenario started
 * @param elapsedMicros    how long the network part took
 */
public record ProgramRun(String role, String command, String outcome, String reply, String exceptionClass,
        String exceptionMessage, String message, long atMillis, long elapsedMicros) {
}
