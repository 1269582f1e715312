package org.socketlab.programs;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;

/**
 * How a program ended, read from what it printed: one table of the words Python, Java, C's {@code perror} /
 * {@code strerror}, Node and Go print for a network failure (and Windows' WinError numbers, for a student who runs
 * them there), each mapped to an {@link Outcome}. A student's program in any language is read by its own words;
 * socket-lab's own programs by their exit status ({@link #ofSocketLabExitCode}). Documented, as a table, in
 * {@code features/README.md} ("How a program's ending is read").
 *
 * <p>Reading rules:
 * <ul>
 *   <li>The first line, in order of appearance, that some row matches decides; rows are tried in table order, the
 *       specific ones (a language's class or code names) before the C library's shared words. Lines that look like
 *       errors (a traceback's last line {@code XxxError: ...}, an {@code Exception}, {@code error}, {@code [Errno N]},
 *       {@code panic:}) are read first, so an incidental word in ordinary output does not decide when a real error
 *       line is there.</li>
 *   <li>The transport matters: each row says what it means over TCP and over UDP. ECONNREFUSED's words on UDP mean
 *       that ICMP port unreachable came back to a connected socket (port unreachable); WinError 10054 on UDP is
 *       Windows reporting that ICMP to an unconnected socket; "timed out" on UDP is always no reply, and on TCP a
 *       connect timeout only when the words say connect ({@code Connect timed out}, {@code connect ETIMEDOUT},
 *       {@code dial tcp ...: i/o timeout}, ETIMEDOUT's {@code Connection timed out}), or, for Python's bare
 *       {@code TimeoutError: timed out}, when its traceback shows it was raised in {@code connect()}.</li>
 *   <li>Matching is case-sensitive, exactly as the languages print their words ({@code Connection refused} from
 *       the C library, {@code connection refused} from Go), and every row's words contain a lower-case letter. The
 *       lab's servers upper-case what they are sent, so an echoed reply such as {@code CONNECTION REFUSED} or
 *       {@code ECONNREFUSED} can never read as an error: a student who types "connection refused" at the prompt
 *       gets a reply, not a failure. The price: a program whose own handler prints {@code ERROR: CONNECTION
 *       REFUSED} in capitals is not recognised by its words; its exit status and the packets still are, and the
 *       report quotes its line as an I/O error. Bare codes (Node's {@code ECONNREFUSED}) count only in the shape
 *       Node prints them, after the system call ({@code connect ECONNREFUSED}) or as {@code code: 'ECONNREFUSED'};
 *       the C library's and Go's words only where a message puts them, after {@code ": "} or {@code "] "} (or, for
 *       the C library's capitalised words, alone at the start of a line), so a server printing a sentence it
 *       received ("connection refused") is not read as failing.</li>
 * </ul>
 * Words that match no row are not guessed at: {@link #read} returns nothing and the caller reports an I/O error
 * quoting the program's own line.
 */
public final class OutcomeWords {
    /**
     * What a program's words say happened.
     *
     * @param outcome what the words mean over the transport read
     * @param line the program's own line that matched, without leading and trailing blanks
     * @param language whose wording it is: "Python", "Java", "C (perror)", "Node", "Go" or "Windows" (the C
     *     library's words inside a Python {@code [Errno N]} or a Java exception are credited to that language)
     */
    public record WordMatch(Outcome outcome, String line, String language) {
    }

    static final String PYTHON = "Python";
    static final String JAVA = "Java";
    static final String C = "C (perror)";
    static final String NODE = "Node";
    static final String GO = "Go";
    static final String WINDOWS = "Windows";

    /**
     * One row of the table.
     *
     * @param words what to find in a line (case-sensitive, anywhere in it)
     * @param tcp what the words mean for a TCP program
     * @param udp what they mean for a UDP program
     * @param tcpInConnect for words that do not say which call failed (Python's {@code TimeoutError: timed out}):
     *     what they mean for a TCP program when the traceback above them shows a {@code connect()} call; null when
     *     the words alone decide
     * @param language whose wording it is
     * @param examples lines as that language prints them, one for each wording the row knows (tests read every
     *     example back through the table; the documentation shows the words the row finds in them)
     */
    record Row(Pattern words, Outcome tcp, Outcome udp, Outcome tcpInConnect, String language,
            List<String> examples) {
        Row {
            Objects.requireNonNull(words);
            Objects.requireNonNull(tcp);
            Objects.requireNonNull(udp);
            Objects.requireNonNull(language);
            examples = List.copyOf(examples);
            if (examples.isEmpty()) {
                throw new IllegalArgumentException("row " + words + " has no example");
            }
        }

        Outcome over(Transport transport) {
            return transport == Transport.UDP ? udp : tcp;
        }

        /** The part of each example the row finds: the words the documentation shows, without repeats. */
        List<String> shownWords() {
            return examples.stream().map(example -> {
                Matcher matcher = words.matcher(example);
                if (!matcher.find()) {
                    throw new IllegalStateException("row " + words + " does not match its own example " + example);
                }
                return matcher.group().strip().replaceAll("[:\\s]+$", "");
            }).distinct().toList();
        }
    }

    private static Row row(String regex, Outcome both, String language, String... examples) {
        return new Row(Pattern.compile(regex), both, both, null, language, List.of(examples));
    }

    private static Row row(String regex, Outcome tcp, Outcome udp, String language, String... examples) {
        return new Row(Pattern.compile(regex), tcp, udp, null, language, List.of(examples));
    }

    /** The C library's words as a message carries them: after "label: " (perror, Java), "] " (Python), or alone. */
    private static String libc(String words) {
        return "(?:^\\s*|(?<=: |\\] ))(?:" + words + ")\\b";
    }

    /** Go's lower-case words: always after an operation, "dial tcp 127.0.0.1:12000: connect: connection refused". */
    private static String go(String words) {
        return "(?<=: )(?:" + words + ")\\b";
    }

    /** A Node error code as Node prints it: after the system call ("connect ECONNREFUSED") or as {@code code: 'X'}. */
    private static String node(String syscalls, String code) {
        return "\\b(?:" + syscalls + ") (?:" + code + ")\\b|code: '(?:" + code + ")'";
    }

    private static final String NODE_IO = "connect|read|write|writev|send|sendmsg|recv|recvmsg|recvfrom|sendto";

    /** Rows are tried in this order on each line: the first that matches decides. */
    private static final List<Row> TABLE = List.of(
            // Windows: the WinError number, since the words after it are in the user's language.
            row("\\[WinError 10061\\]", Outcome.CONNECTION_REFUSED, Outcome.PORT_UNREACHABLE, WINDOWS,
                    "ConnectionRefusedError: [WinError 10061] No connection could be made because the target machine"
                            + " actively refused it"),
            row("\\[WinError 10054\\]", Outcome.CONNECTION_RESET, Outcome.PORT_UNREACHABLE, WINDOWS,
                    "ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the remote"
                            + " host"),
            row("\\[WinError 10053\\]", Outcome.CONNECTION_RESET, WINDOWS,
                    "ConnectionAbortedError: [WinError 10053] An established connection was aborted by the software"
                            + " in your host machine"),
            row("\\[WinError 10048\\]", Outcome.PORT_IN_USE, WINDOWS,
                    "OSError: [WinError 10048] Only one usage of each socket address (protocol/network address/port)"
                            + " is normally permitted"),
            row("\\[WinError 10013\\]", Outcome.PERMISSION_DENIED, WINDOWS,
                    "PermissionError: [WinError 10013] An attempt was made to access a socket in a way forbidden by"
                            + " its access permissions"),
            row("\\[WinError 10060\\]", Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY, WINDOWS,
                    "TimeoutError: [WinError 10060] A connection attempt failed because the connected party did not"
                            + " properly respond after a period of time, or established connection failed because"
                            + " connected host has failed to respond"),
            // WSAEMSGSIZE: on a receive, the datagram was longer than the buffer (the seed's recvfrom(2048) meets
            // it where Linux cuts silently). The same number comes from a send over 65,507 bytes, which the lab's
            // sentences never are, so on UDP it is read as a truncated reply.
            row("\\[WinError 10040\\]", Outcome.IO_ERROR, Outcome.TRUNCATED, WINDOWS,
                    "OSError: [WinError 10040] A message sent on a datagram socket was larger than the internal"
                            + " message buffer or some other network limit, or the buffer used to receive a datagram"
                            + " into was smaller than the datagram itself"),
            row("\\[Errno 1100[14]\\] getaddrinfo failed", Outcome.UNKNOWN_HOST, WINDOWS,
                    "socket.gaierror: [Errno 11001] getaddrinfo failed",
                    "socket.gaierror: [Errno 11004] getaddrinfo failed"),
            row("\\[WinError 100(?:51|65)\\]", Outcome.IO_ERROR, WINDOWS,
                    "OSError: [WinError 10051] A socket operation was attempted to an unreachable network",
                    "OSError: [WinError 10065] A socket operation was attempted to an unreachable host"),

            // Python: the exception class names (the errno words after them are the C library's, below).
            row("\\bConnectionRefusedError\\b", Outcome.CONNECTION_REFUSED, Outcome.PORT_UNREACHABLE, PYTHON,
                    "ConnectionRefusedError: [Errno 111] Connection refused"),
            row("\\bConnectionResetError\\b", Outcome.CONNECTION_RESET, PYTHON,
                    "ConnectionResetError: [Errno 104] Connection reset by peer"),
            row("\\bConnectionAbortedError\\b", Outcome.CONNECTION_RESET, PYTHON,
                    "ConnectionAbortedError: [Errno 103] Software caused connection abort"),
            row("\\bBrokenPipeError\\b", Outcome.CONNECTION_RESET, PYTHON, "BrokenPipeError: [Errno 32] Broken pipe"),
            row("\\bPermissionError\\b", Outcome.PERMISSION_DENIED, PYTHON,
                    "PermissionError: [Errno 13] Permission denied"),
            row("\\bgaierror\\b", Outcome.UNKNOWN_HOST, PYTHON,
                    "socket.gaierror: [Errno -2] Name or service not known",
                    "socket.gaierror: [Errno -3] Temporary failure in name resolution"),
            row("\\bTimeoutError: \\[Errno \\d+\\] Connection timed out", Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY,
                    PYTHON, "TimeoutError: [Errno 110] Connection timed out"),
            new Row(Pattern.compile("\\b(?:TimeoutError|socket\\.timeout)\\b"), Outcome.NO_REPLY, Outcome.NO_REPLY,
                    Outcome.CONNECT_TIMEOUT, PYTHON, List.of("TimeoutError: timed out", "socket.timeout: timed out")),
            row("\\bOverflowError: .*port must be 0-65535", Outcome.PORT_OUT_OF_RANGE, PYTHON,
                    "OverflowError: connect(): port must be 0-65535."),

            // Java: the exception class names, and the messages only Java words so.
            row("\\bPortUnreachableException\\b", Outcome.PORT_UNREACHABLE, JAVA, "java.net.PortUnreachableException"),
            row("\\bConnectException: Connection timed out", Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY, JAVA,
                    "java.net.ConnectException: Connection timed out"),
            // The bare class name, or with the message below: Java's other ConnectException messages (such as
            // "Network is unreachable") are the C library's words, read by the rows at the end.
            row("\\bConnectException(?:: Connection refused\\b|(?!: ))", Outcome.CONNECTION_REFUSED,
                    Outcome.PORT_UNREACHABLE, JAVA, "java.net.ConnectException: Connection refused",
                    "java.net.ConnectException: Connection refused: connect", "java.net.ConnectException"),
            row("\\bSocketTimeoutException: [Cc]onnect timed out", Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY, JAVA,
                    "java.net.SocketTimeoutException: Connect timed out",
                    "java.net.SocketTimeoutException: connect timed out"),
            row("\\bSocketTimeoutException\\b", Outcome.NO_REPLY, JAVA,
                    "java.net.SocketTimeoutException: Read timed out",
                    "java.net.SocketTimeoutException: Receive timed out"),
            row("\\bSocketException: (?:Connection reset|Broken pipe)", Outcome.CONNECTION_RESET, JAVA,
                    "java.net.SocketException: Connection reset", "java.net.SocketException: Broken pipe"),
            row("\\bBindException: Permission denied", Outcome.PERMISSION_DENIED, JAVA,
                    "java.net.BindException: Permission denied"),
            row("\\bSocketException: Message too long|\\bNoRouteToHostException\\b"
                    + "|\\bBindException: Cannot assign requested address", Outcome.IO_ERROR, JAVA,
                    "java.net.SocketException: Message too long", "java.net.NoRouteToHostException: No route to host",
                    "java.net.BindException: Cannot assign requested address"),
            // The bare class name, or with the message below; other messages are the C library's words.
            row("\\bBindException(?:: Address already in use\\b|(?!: ))", Outcome.PORT_IN_USE, JAVA,
                    "java.net.BindException: Address already in use", "java.net.BindException"),
            row("\\bUnknownHostException\\b", Outcome.UNKNOWN_HOST, JAVA,
                    "java.net.UnknownHostException: nosuch.invalid"),
            row("\\bIllegalArgumentException: port out of range", Outcome.PORT_OUT_OF_RANGE, JAVA,
                    "java.lang.IllegalArgumentException: port out of range:70000"),

            // Node: libuv's error codes, in the shape Node prints them.
            row(node(NODE_IO, "ECONNREFUSED"), Outcome.CONNECTION_REFUSED, Outcome.PORT_UNREACHABLE, NODE,
                    "Error: connect ECONNREFUSED 127.0.0.1:12000", "Error: recvmsg ECONNREFUSED"),
            row(node(NODE_IO, "ECONNRESET|EPIPE|ECONNABORTED"), Outcome.CONNECTION_RESET, NODE,
                    "Error: read ECONNRESET", "Error: write EPIPE"),
            row(node("listen|bind", "EADDRINUSE"), Outcome.PORT_IN_USE, NODE,
                    "Error: listen EADDRINUSE: address already in use :::12000",
                    "Error: bind EADDRINUSE 0.0.0.0:12000"),
            row(node("listen|bind", "EACCES"), Outcome.PERMISSION_DENIED, NODE,
                    "Error: listen EACCES: permission denied 0.0.0.0:80"),
            row("\\bconnect ETIMEDOUT\\b", Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY, NODE,
                    "Error: connect ETIMEDOUT 10.0.0.2:12000"),
            row(node("read|write|recvmsg", "ETIMEDOUT"), Outcome.NO_REPLY, NODE, "Error: read ETIMEDOUT"),
            row(node("getaddrinfo", "ENOTFOUND|EAI_AGAIN"), Outcome.UNKNOWN_HOST, NODE,
                    "Error: getaddrinfo ENOTFOUND nosuch.invalid", "Error: getaddrinfo EAI_AGAIN nosuch.invalid"),
            row(node(NODE_IO, "EMSGSIZE|EHOSTUNREACH|ENETUNREACH"), Outcome.IO_ERROR, NODE,
                    "Error: send EMSGSIZE 127.0.0.1:12000", "Error: connect EHOSTUNREACH 10.0.0.2:12000",
                    "Error: connect ENETUNREACH 10.0.0.2:12000"),
            row("\\bRangeError \\[ERR_SOCKET_BAD_PORT\\]|code: 'ERR_SOCKET_BAD_PORT'", Outcome.PORT_OUT_OF_RANGE, NODE,
                    "RangeError [ERR_SOCKET_BAD_PORT]: Port should be >= 0 and < 65536. Received type number (70000)."),

            // Go: the C library's words in lower case after the operation, and Go's own.
            row("\\blookup \\S+ on \\S+: ", Outcome.UNKNOWN_HOST, GO,
                    "dial tcp: lookup nosuch.invalid on 127.0.0.53:53: server misbehaving"),
            row(go("no such host"), Outcome.UNKNOWN_HOST, GO, "dial tcp: lookup nosuch.invalid: no such host"),
            row("\\bdial tcp\\b.*: i/o timeout\\b", Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY, GO,
                    "dial tcp 10.0.0.2:12000: i/o timeout"),
            row(go("i/o timeout"), Outcome.NO_REPLY, GO,
                    "read udp 127.0.0.1:40000->127.0.0.1:12000: i/o timeout"),
            row(go("connection timed out"), Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY, GO,
                    "dial tcp 10.0.0.2:12000: connect: connection timed out"),
            row(go("connection refused"), Outcome.CONNECTION_REFUSED, Outcome.PORT_UNREACHABLE, GO,
                    "dial tcp 127.0.0.1:12000: connect: connection refused",
                    "read udp 127.0.0.1:40000->127.0.0.1:12000: read: connection refused"),
            row(go("connection reset by peer|broken pipe"), Outcome.CONNECTION_RESET, GO,
                    "read tcp 127.0.0.1:40000->127.0.0.1:12000: read: connection reset by peer",
                    "write tcp 127.0.0.1:40000->127.0.0.1:12000: write: broken pipe"),
            row(go("address already in use"), Outcome.PORT_IN_USE, GO,
                    "listen tcp :12000: bind: address already in use"),
            row("\\bbind: permission denied\\b", Outcome.PERMISSION_DENIED, GO,
                    "listen tcp :80: bind: permission denied"),
            row(go("message too long|no route to host|network is unreachable"), Outcome.IO_ERROR, GO,
                    "write udp 127.0.0.1:40000->127.0.0.1:12000: write: message too long",
                    "dial tcp 10.0.0.2:12000: connect: no route to host",
                    "dial tcp 10.0.0.2:12000: connect: network is unreachable"),
            row("\\baddress \\S+: invalid port\\b", Outcome.PORT_OUT_OF_RANGE, GO,
                    "dial tcp: address 70000: invalid port"),

            // The C library's strerror words (glibc; macOS where it differs), as perror prints them, and inside
            // Python's "[Errno N] ..." and Java's exception messages.
            row(libc("Connection refused"), Outcome.CONNECTION_REFUSED, Outcome.PORT_UNREACHABLE, C,
                    "connect: Connection refused"),
            row(libc("Connection reset by peer|Broken pipe|Software caused connection abort"),
                    Outcome.CONNECTION_RESET, C, "recv: Connection reset by peer", "send: Broken pipe",
                    "recv: Software caused connection abort"),
            row(libc("Address already in use"), Outcome.PORT_IN_USE, C, "bind: Address already in use"),
            row(libc("Permission denied"), Outcome.PERMISSION_DENIED, C, "bind: Permission denied"),
            // ETIMEDOUT: a blocking connect that got no answer; EINPROGRESS: connect gave up at SO_SNDTIMEO.
            row(libc("Connection timed out|Operation now in progress"), Outcome.CONNECT_TIMEOUT, Outcome.NO_REPLY, C,
                    "connect: Connection timed out", "connect: Operation now in progress"),
            // EAGAIN: a receive gave up at SO_RCVTIMEO.
            row(libc("Resource temporarily unavailable"), Outcome.NO_REPLY, C,
                    "recvfrom: Resource temporarily unavailable"),
            row(libc("Name or service not known|Temporary failure in name resolution|No address associated with"
                    + " hostname|Unknown host|nodename nor servname provided, or not known"), Outcome.UNKNOWN_HOST, C,
                    "getaddrinfo: Name or service not known", "getaddrinfo: Temporary failure in name resolution",
                    "getaddrinfo: No address associated with hostname", "gethostbyname: Unknown host",
                    "getaddrinfo: nodename nor servname provided, or not known"),
            row(libc("Message too long|Network is unreachable|No route to host|Cannot assign requested address"),
                    Outcome.IO_ERROR, C, "sendto: Message too long", "connect: Network is unreachable",
                    "connect: No route to host", "bind: Cannot assign requested address"));

    /** A message shape that says which language put the C library's words in it. */
    private record Wrapper(Pattern shape, String language) {
    }

    private static final List<Wrapper> WRAPPERS = List.of(
            new Wrapper(Pattern.compile("\\[Errno -?\\d+\\]"), PYTHON),   // OSError: [Errno 98] Address already in use
            new Wrapper(Pattern.compile("\\w*Exception\\b"), JAVA));      // java.net.SocketException: Message too long

    /** A line that looks like an error report rather than ordinary output (case-sensitive, as printed). */
    private static final Pattern ERROR_LINE = Pattern.compile(
            "\\w*(?:Error|Exception)\\b|\\berror\\b|\\[Errno -?\\d+\\]|\\[WinError \\d+\\]|^panic: ");

    /** The first line of a Python traceback; the lines under it, up to the exception, are its frames. */
    private static final Pattern TRACEBACK = Pattern.compile("Traceback \\(most recent call last\\):");

    /** A frame's source line that calls connect (socket.connect, connect_ex, socket.create_connection). */
    private static final Pattern CONNECT_CALL = Pattern.compile("\\b(?:connect|connect_ex|create_connection)\\(");

    private OutcomeWords() {
    }

    /** The table, in the order rows are tried (for tests and documentation). */
    static List<Row> table() {
        return TABLE;
    }

    /**
     * What the program's words say happened: the first line (in order of appearance) that a row of the table
     * matches, reading the lines that look like errors first; empty when no line matches.
     *
     * @param transport the transport the program used: it decides what refused, reset and timed out mean
     * @param lines what the program printed, standard output and standard error, one line each, in order
     */
    public static Optional<WordMatch> read(Transport transport, List<String> lines) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(lines, "lines");
        for (boolean errorLinesOnly : new boolean[] {true, false}) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line == null || errorLinesOnly && !looksLikeError(line)) {
                    continue;
                }
                Optional<WordMatch> match = match(transport, lines, i);
                if (match.isPresent()) {
                    return match;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<WordMatch> match(Transport transport, List<String> lines, int index) {
        String line = lines.get(index);
        for (Row row : TABLE) {
            if (row.words().matcher(line).find()) {
                Outcome outcome = row.over(transport);
                if (transport == Transport.TCP && row.tcpInConnect() != null && raisedInConnect(lines, index)) {
                    outcome = row.tcpInConnect();
                }
                return Optional.of(new WordMatch(outcome, line.strip(), language(row, line)));
            }
        }
        return Optional.empty();
    }

    private static String language(Row row, String line) {
        if (!row.language().equals(C)) {
            return row.language();
        }
        return WRAPPERS.stream()
                .filter(wrapper -> wrapper.shape().matcher(line).find())
                .map(Wrapper::language)
                .findFirst()
                .orElse(C);
    }

    /** Whether the line at {@code index} ends a Python traceback with a frame that calls connect. */
    private static boolean raisedInConnect(List<String> lines, int index) {
        boolean connectFrame = false;
        for (int i = index - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line == null) {
                continue;
            }
            if (TRACEBACK.matcher(line).find()) {
                return connectFrame;
            }
            connectFrame |= CONNECT_CALL.matcher(line).find();
        }
        return false;
    }

    static boolean looksLikeError(String line) {
        return ERROR_LINE.matcher(line).find();
    }

    /**
     * How one of socket-lab's own programs ended, from its exit status (the table in README.md, "Exit codes"):
     * 0 reply, 1 I/O error, 3 connection refused, ... 12 permission denied. Empty for 2 (a usage error, which is no
     * network outcome) and for any status the table does not list (such as 130 or 143 for a signal).
     */
    public static Optional<Outcome> ofSocketLabExitCode(int exitCode) {
        return Arrays.stream(Outcome.values()).filter(outcome -> outcome.exitCode() == exitCode).findFirst();
    }
}
