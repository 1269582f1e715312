package org.socketlab.programs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;

/**
 * How programs in the common languages word a network failure, in one table: a student's program is read by
 * its own words (and exit status), whatever language it is in. Documented in features/README.md.
 */
public final class OutcomeWords {
    /** What a program's words say happened: the outcome, the program's own line, and the language it looks like. */
    public record WordMatch(Outcome outcome, String line, String language) {
    }

    /** One row: a pattern, what it means over TCP and over UDP, and whose wording it is. */
    private record Row(Pattern pattern, Outcome tcp, Outcome udp, String language) {
        Row(String regex, Outcome both, String language) {
            this(Pattern.compile(regex), both, both, language);
        }
    }

    private static final List<Row> TABLE = List.of(
            new Row("ConnectionRefusedError|\\[Errno 111\\]", Outcome.CONNECTION_REFUSED, "Python"),
            new Row("PortUnreachableException", Outcome.PORT_UNREACHABLE, "Java"),
            new Row("ConnectException: Connection refused", Outcome.CONNECTION_REFUSED, "Java"),
            new Row("ECONNREFUSED", Outcome.CONNECTION_REFUSED, "Node"),
            new Row("connect: connection refused|read: connection refused", Outcome.CONNECTION_REFUSED, "Go"),
            new Row("WinError 10061", Outcome.CONNECTION_REFUSED, "Windows"),
            new Row("[Cc]onnection refused", Outcome.CONNECTION_REFUSED, "C (perror)"),
            new Row(Pattern.compile("WinError 10054"), Outcome.CONNECTION_RESET, Outcome.PORT_UNREACHABLE, "Windows"),
            new Row("ConnectionResetError|\\[Errno 104\\]|BrokenPipeError", Outcome.CONNECTION_RESET, "Python"),
            new Row("ECONNRESET|EPIPE", Outcome.CONNECTION_RESET, "Node"),
            new Row("[Cc]onnection reset|[Bb]roken pipe", Outcome.CONNECTION_RESET, "C (perror)"),
            new Row("Address already in use|\\[Errno 98\\]|EADDRINUSE|BindException|WinError 10048",
                    Outcome.PORT_IN_USE, "any"),
            new Row("address already in use", Outcome.PORT_IN_USE, "Go"),
            new Row("\\[Errno 13\\] Permission denied|EACCES|bind: permission denied", Outcome.PERMISSION_DENIED,
                    "any"),
            new Row("gaierror|Name or service not known|Temporary failure in name resolution"
                    + "|UnknownHostException|ENOTFOUND|no such host", Outcome.UNKNOWN_HOST, "any"),
            new Row("Connect timed out|connect: [Cc]onnection timed out|dial tcp .*i/o timeout|ETIMEDOUT",
                    Outcome.CONNECT_TIMEOUT, "any"),
            new Row(Pattern.compile("TimeoutError|timed out|SocketTimeoutException|i/o timeout"), Outcome.NO_REPLY,
                    Outcome.NO_REPLY, "any"));

    /** Python's ConnectionRefusedError on a connected UDP socket means ICMP port unreachable came back. */
    private static Outcome over(Row row, Transport transport) {
        Outcome outcome = transport == Transport.UDP ? row.udp() : row.tcp();
        return transport == Transport.UDP && outcome == Outcome.CONNECTION_REFUSED ? Outcome.PORT_UNREACHABLE : outcome;
    }

    private OutcomeWords() {
    }

    /**
     * The first of the program's lines that words a known failure; lines that look like errors (a traceback's
     * last line, an exception, "error") are read first, so an incidental word in ordinary output does not decide.
     */
    public static Optional<WordMatch> read(Transport transport, List<String> lines) {
        for (boolean errorsOnly : new boolean[] {true, false}) {
            for (String line : lines) {
                if (errorsOnly && !looksLikeError(line)) {
                    continue;
                }
                for (Row row : TABLE) {
                    if (row.pattern().matcher(line).find()) {
                        return Optional.of(new WordMatch(over(row, transport), line.strip(), row.language()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean looksLikeError(String line) {
        return line.matches("^\\w*(Error|Exception)\\b.*") || line.contains("Exception") || line.contains("Error")
                || line.toLowerCase().contains("error") || line.contains("errno");
    }

    /** socket-lab's own programs say how they ended in their exit status (README's table). */
    public static Optional<Outcome> ofSocketLabExitCode(int exitCode) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome.exitCode() == exitCode) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
