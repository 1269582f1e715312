package org.socketlab.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.socketlab.net.Transport.TCP;
import static org.socketlab.net.Transport.UDP;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;
import org.socketlab.programs.OutcomeWords.Row;
import org.socketlab.programs.OutcomeWords.WordMatch;

/**
 * The table of {@link OutcomeWords}: every row's examples read back as that row, every message FACTS.md records
 * from this machine, real output of small programs run once on loopback (pasted below as fixtures; nothing is run
 * here), and lines that must match nothing.
 *
 * <p>Case: matching is case-sensitive, as the languages print their words, and no row matches a line in capitals.
 * The lab's servers upper-case what they are sent, so a reply such as {@code CONNECTION REFUSED} or
 * {@code ECONNREFUSED} (a student typed "connection refused") is a reply, never a failure. Reading error-looking
 * lines case-insensitively was the other choice; it was not taken because an echoed reply can itself look like an
 * error ("ERROR: CONNECTION REFUSED" from a student who typed "error: connection refused"), while no language
 * prints its own failure in capitals. {@link #noRowMatchesALineInCapitals} holds the table to that.
 */
class OutcomeWordsTest {
    private static final Path README = Path.of("README.md");
    private static final Path GLOSSARY = Path.of("features/README.md");
    private static final String SECTION = "### How a program's ending is read";

    private static Optional<WordMatch> read(Transport transport, String output) {
        return OutcomeWords.read(transport, output.lines().toList());
    }

    // ---- the table's own examples ----

    static Stream<Arguments> tableExamples() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : OutcomeWords.table()) {
            for (String example : row.examples()) {
                for (Transport transport : Transport.values()) {
                    cases.add(arguments(row.language(), transport, example, row.over(transport)));
                }
            }
        }
        return cases.stream();
    }

    /** Each example is read as its own row: no earlier row shadows it, and its line comes back whole. */
    @ParameterizedTest(name = "{0} over {1}: {2}")
    @MethodSource("tableExamples")
    void everyExampleOfTheTableReadsAsItsRow(String language, Transport transport, String example, Outcome outcome) {
        assertThat(OutcomeWords.read(transport, List.of(example)))
                .contains(new WordMatch(outcome, example, language));
    }

    static Stream<Arguments> examplesInCapitals() {
        return OutcomeWords.table().stream().flatMap(row -> row.examples().stream())
                .map(example -> example.toUpperCase(Locale.ROOT))
                .flatMap(upper -> Stream.of(upper, "From Server: " + upper, "From Server:" + upper,
                        "[127.0.0.1:40000] " + upper))
                .map(Arguments::of);
    }

    /** What an upper-casing server echoes back, alone or after a client's own prefix, is never an error. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesInCapitals")
    void noRowMatchesALineInCapitals(String echoed) {
        assertThat(OutcomeWords.read(TCP, List.of(echoed))).isEmpty();
        assertThat(OutcomeWords.read(UDP, List.of(echoed))).isEmpty();
    }

    // ---- the messages FACTS.md records (Debian 12, Java 17.0.15, Python 3.11, loopback) ----

    static Stream<Arguments> factsMessages() {
        return Stream.of(
                // Part 1 (a) and (c): TCP connect, nothing listening; a port that REJECTs
                arguments(TCP, "java.net.ConnectException: Connection refused", Outcome.CONNECTION_REFUSED, "Java"),
                arguments(TCP, "ConnectionRefusedError: [Errno 111]", Outcome.CONNECTION_REFUSED, "Python"),
                arguments(TCP, "[WinError 10061]", Outcome.CONNECTION_REFUSED, "Windows"),
                arguments(TCP, "ConnectException: Connection refused", Outcome.CONNECTION_REFUSED, "Java"),
                // TCP to a port whose packets are dropped
                arguments(TCP, "ConnectException: Connection timed out", Outcome.CONNECT_TIMEOUT, "Java"),
                arguments(TCP, "SocketTimeoutException: Connect timed out", Outcome.CONNECT_TIMEOUT, "Java"),
                // Python's bare class name does not say which call timed out: alone it is no reply (its
                // traceback, in pythonConnectTimeoutWithSettimeout below, makes it a connect timeout)
                arguments(TCP, "TimeoutError", Outcome.NO_REPLY, "Python"),
                // (b) UDP, unconnected socket, nothing listening
                arguments(UDP, "SocketTimeoutException: Receive timed out", Outcome.NO_REPLY, "Java"),
                arguments(UDP, "TimeoutError: timed out", Outcome.NO_REPLY, "Python"),
                arguments(UDP, "ConnectionResetError [WinError 10054]", Outcome.PORT_UNREACHABLE, "Windows"),
                // UDP, connected socket, nothing listening
                arguments(UDP, "java.net.PortUnreachableException", Outcome.PORT_UNREACHABLE, "Java"),
                arguments(UDP, "PortUnreachableException", Outcome.PORT_UNREACHABLE, "Java"),
                arguments(UDP, "ConnectionRefusedError: [Errno 111]", Outcome.PORT_UNREACHABLE, "Python"),
                // IP_RECVERR: "Python shows ConnectionRefusedError at once"
                arguments(UDP, "ConnectionRefusedError", Outcome.PORT_UNREACHABLE, "Python"),
                // Pitfalls of the seed's programs
                arguments(TCP, "ConnectionResetError: [Errno 104]", Outcome.CONNECTION_RESET, "Python"),
                arguments(UDP, "SocketException: Message too long", Outcome.IO_ERROR, "Java"),
                arguments(TCP, "Address already in use", Outcome.PORT_IN_USE, "C (perror)"),
                arguments(TCP, "OSError: [Errno 98] Address already in use", Outcome.PORT_IN_USE, "Python"),
                // Other people's programs: no server, TCP client
                arguments(TCP, "ConnectionRefusedError: [Errno 111] Connection refused", Outcome.CONNECTION_REFUSED,
                        "Python"),
                arguments(TCP, "connect: Connection refused", Outcome.CONNECTION_REFUSED, "C (perror)"),
                arguments(TCP, "Error: connect ECONNREFUSED 127.0.0.1:12000", Outcome.CONNECTION_REFUSED, "Node"),
                arguments(TCP, "dial tcp 127.0.0.1:12000: connect: connection refused", Outcome.CONNECTION_REFUSED,
                        "Go"),
                // Port in use: Python, Java's BindException, Node's EADDRINUSE (in the line Node prints)
                arguments(UDP, "OSError: [Errno 98] Address already in use", Outcome.PORT_IN_USE, "Python"),
                arguments(TCP, "BindException", Outcome.PORT_IN_USE, "Java"),
                arguments(UDP, "java.net.BindException: Address already in use", Outcome.PORT_IN_USE, "Java"),
                arguments(TCP, "Error: listen EADDRINUSE: address already in use :::12000", Outcome.PORT_IN_USE,
                        "Node"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("factsMessages")
    void everyMessageInFactsIsRead(Transport transport, String message, Outcome outcome, String language) {
        assertThat(OutcomeWords.read(transport, List.of(message)))
                .contains(new WordMatch(outcome, message, language));
    }

    /**
     * FACTS.md messages that say no network outcome: the seed's server's own crash, and the lab machine's refusal to
     * make a namespace. A program ending with them is reported as an I/O error quoting the line.
     */
    @ParameterizedTest
    @MethodSource
    void factsMessagesThatAreNoNetworkOutcome(String message) {
        assertThat(OutcomeWords.read(TCP, List.of(message))).isEmpty();
        assertThat(OutcomeWords.read(UDP, List.of(message))).isEmpty();
    }

    static Stream<String> factsMessagesThatAreNoNetworkOutcome() {
        return Stream.of("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe2 in position 1023: unexpected end"
                + " of data", "UnicodeDecodeError", "unshare: Operation not permitted");
    }

    // ---- real output, each program run once on loopback (Debian 12; Python 3.11.7, and the system's 3.11.2 as
    // user nobody; Node v20.20.2; gcc 12.2 with glibc; OpenJDK 17.0.15). Port 23999 had nothing listening, 23998 no
    // UDP socket; connect timeouts ran in a fresh network namespace whose iptables dropped TCP to 23997, with
    // net.ipv4.tcp_syn_retries=1 so a blocking connect gave up in 3 s. ----

    static Stream<Arguments> realOutput() {
        return Stream.of(
                // python3 tcp_client.py: socket(AF_INET, SOCK_STREAM); connect(('127.0.0.1', 23999))
                arguments("Python TCP client, nothing listening", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/tcp_client.py", line 5, in <module>
                            clientSocket.connect((serverName,serverPort))
                        ConnectionRefusedError: [Errno 111] Connection refused
                        """, Outcome.CONNECTION_REFUSED, "ConnectionRefusedError: [Errno 111] Connection refused",
                        "Python"),
                // connected SOCK_DGRAM to 23998, send, recv(2048)
                arguments("Python connected UDP client, nothing listening", UDP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/udp_conn.py", line 5, in <module>
                            m = s.recv(2048)
                                ^^^^^^^^^^^^
                        ConnectionRefusedError: [Errno 111] Connection refused
                        """, Outcome.PORT_UNREACHABLE, "ConnectionRefusedError: [Errno 111] Connection refused",
                        "Python"),
                // unconnected SOCK_DGRAM, settimeout(0.5), sendto, recvfrom(2048)
                arguments("Python UDP client with a timeout, nothing listening", UDP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/udp_timeout.py", line 5, in <module>
                            m, a = s.recvfrom(2048)
                                   ^^^^^^^^^^^^^^^^
                        TimeoutError: timed out
                        """, Outcome.NO_REPLY, "TimeoutError: timed out", "Python"),
                // settimeout(1), connect to the dropped port
                arguments("Python TCP connect with settimeout, packets dropped", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_ct.py", line 5, in <module>
                            clientSocket.connect(('127.0.0.1', 23997))
                        TimeoutError: timed out
                        """, Outcome.CONNECT_TIMEOUT, "TimeoutError: timed out", "Python"),
                // blocking connect to the dropped port
                arguments("Python blocking TCP connect, packets dropped", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_ct.py", line 5, in <module>
                            clientSocket.connect(('127.0.0.1', 23997))
                        TimeoutError: [Errno 110] Connection timed out
                        """, Outcome.CONNECT_TIMEOUT, "TimeoutError: [Errno 110] Connection timed out", "Python"),
                // connected to a listener that never answers, settimeout(0.5), recv
                arguments("Python TCP recv with settimeout, no answer", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_conn_noreply.py", line 6, in <module>
                            s.recv(1024)
                        TimeoutError: timed out
                        """, Outcome.NO_REPLY, "TimeoutError: timed out", "Python"),
                arguments("Python TCP server, port taken", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_inuse.py", line 6, in <module>
                            b = socket(AF_INET, kind); b.bind(('', 23996))
                                                       ^^^^^^^^^^^^^^^^^^^
                        OSError: [Errno 98] Address already in use
                        """, Outcome.PORT_IN_USE, "OSError: [Errno 98] Address already in use", "Python"),
                // as user nobody: bind(('', 80))
                arguments("Python server on port 80, not root", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/py_perm.py", line 3, in <module>
                            s.bind(('', 80))
                        PermissionError: [Errno 13] Permission denied
                        """, Outcome.PERMISSION_DENIED, "PermissionError: [Errno 13] Permission denied", "Python"),
                arguments("Python client, unknown host", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_host.py", line 3, in <module>
                            s.connect(('nosuch.invalid', 12000))
                        socket.gaierror: [Errno -2] Name or service not known
                        """, Outcome.UNKNOWN_HOST, "socket.gaierror: [Errno -2] Name or service not known", "Python"),
                arguments("Python client, port 70000", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_port.py", line 3, in <module>
                            s.connect(('127.0.0.1', 70000))
                        OverflowError: connect(): port must be 0-65535.
                        """, Outcome.PORT_OUT_OF_RANGE, "OverflowError: connect(): port must be 0-65535.", "Python"),
                arguments("Python UDP datagram of 70,000 bytes", UDP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_big.py", line 3, in <module>
                            s.sendto(b'a' * 70000, ('127.0.0.1', 23998))
                        OSError: [Errno 90] Message too long
                        """, Outcome.IO_ERROR, "OSError: [Errno 90] Message too long", "Python"),
                // the server closes with SO_LINGER 0 after reading the sentence
                arguments("Python TCP client, server resets", TCP, """
                        Traceback (most recent call last):
                          File "/tmp/ow/py_reset.py", line 11, in <module>
                            modifiedSentence = clientSocket.recv(1024)
                                               ^^^^^^^^^^^^^^^^^^^^^^^
                        ConnectionResetError: [Errno 104] Connection reset by peer
                        """, Outcome.CONNECTION_RESET, "ConnectionResetError: [Errno 104] Connection reset by peer",
                        "Python"),
                // its last line: sending on after the server closed
                arguments("Python TCP client, writing after the server closed", TCP, """
                        BrokenPipeError: [Errno 32] Broken pipe
                        """, Outcome.CONNECTION_RESET, "BrokenPipeError: [Errno 32] Broken pipe", "Python"),

                // node n_refused.js: net.connect(23999, '127.0.0.1')
                arguments("Node net.connect, nothing listening", TCP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: connect ECONNREFUSED 127.0.0.1:23999
                            at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)
                        Emitted 'error' event on Socket instance at:
                            at emitErrorNT (node:internal/streams/destroy:169:8)
                            at emitErrorCloseNT (node:internal/streams/destroy:128:3)
                            at process.processTicksAndRejections (node:internal/process/task_queues:82:21) {
                          errno: -111,
                          code: 'ECONNREFUSED',
                          syscall: 'connect',
                          address: '127.0.0.1',
                          port: 23999
                        }

                        Node.js v20.20.2
                        """, Outcome.CONNECTION_REFUSED, "Error: connect ECONNREFUSED 127.0.0.1:23999", "Node"),
                arguments("Node TCP server, port taken", TCP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: listen EADDRINUSE: address already in use :::23996
                            at Server.setupListenHandle [as _listen2] (node:net:1908:16)
                            at listenInCluster (node:net:1965:12)
                            at Server.listen (node:net:2067:7)
                            at Server.<anonymous> (/tmp/ow/n_inuse.js:2:61)
                            at Object.onceWrapper (node:events:638:28)
                            at Server.emit (node:events:524:28)
                            at emitListeningNT (node:net:1951:10)
                            at process.processTicksAndRejections (node:internal/process/task_queues:81:21)
                        Emitted 'error' event on Server instance at:
                            at emitErrorNT (node:net:1944:8)
                            at process.processTicksAndRejections (node:internal/process/task_queues:82:21) {
                          code: 'EADDRINUSE',
                          errno: -98,
                          syscall: 'listen',
                          address: '::',
                          port: 23996
                        }

                        Node.js v20.20.2
                        """, Outcome.PORT_IN_USE, "Error: listen EADDRINUSE: address already in use :::23996", "Node"),
                arguments("Node UDP server, port taken", UDP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: bind EADDRINUSE 0.0.0.0:23996
                            at node:dgram:373:20
                            at process.processTicksAndRejections (node:internal/process/task_queues:83:21)
                        Emitted 'error' event on Socket instance at:
                            at node:dgram:375:14
                            at process.processTicksAndRejections (node:internal/process/task_queues:83:21) {
                          errno: -98,
                          code: 'EADDRINUSE',
                          syscall: 'bind',
                          address: '0.0.0.0',
                          port: 23996
                        }

                        Node.js v20.20.2
                        """, Outcome.PORT_IN_USE, "Error: bind EADDRINUSE 0.0.0.0:23996", "Node"),
                // dgram socket.connect(23998), send twice
                arguments("Node connected UDP socket, nothing listening", UDP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: recvmsg ECONNREFUSED
                            at UDP.onMessage [as onmessage] (node:dgram:948:31)
                        Emitted 'error' event on Socket instance at:
                            at UDP.onMessage [as onmessage] (node:dgram:948:17) {
                          errno: -111,
                          code: 'ECONNREFUSED',
                          syscall: 'recvmsg'
                        }

                        Node.js v20.20.2
                        """, Outcome.PORT_UNREACHABLE, "Error: recvmsg ECONNREFUSED", "Node"),
                arguments("Node client, unknown host", TCP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: getaddrinfo ENOTFOUND nosuch.invalid
                            at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:122:26)
                        Emitted 'error' event on Socket instance at:
                            at emitErrorNT (node:internal/streams/destroy:169:8)
                            at emitErrorCloseNT (node:internal/streams/destroy:128:3)
                            at process.processTicksAndRejections (node:internal/process/task_queues:82:21) {
                          errno: -3008,
                          code: 'ENOTFOUND',
                          syscall: 'getaddrinfo',
                          hostname: 'nosuch.invalid'
                        }

                        Node.js v20.20.2
                        """, Outcome.UNKNOWN_HOST, "Error: getaddrinfo ENOTFOUND nosuch.invalid", "Node"),
                arguments("Node client, port 70000", TCP, """
                        node:internal/errors:541
                              throw error;
                              ^

                        RangeError [ERR_SOCKET_BAD_PORT]: Port should be >= 0 and < 65536. Received type number (70000).
                            at lookupAndConnect (node:net:1302:5)
                            at Socket.connect (node:net:1259:5)
                            at Object.connect (node:net:242:17)
                            at Object.<anonymous> (/tmp/ow/n_port.js:1:16)
                            at Module._compile (node:internal/modules/cjs/loader:1521:14)
                            at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
                            at Module.load (node:internal/modules/cjs/loader:1266:32)
                            at Module._load (node:internal/modules/cjs/loader:1091:12)
                            at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
                            at node:internal/main/run_main_module:28:49 {
                          code: 'ERR_SOCKET_BAD_PORT'
                        }

                        Node.js v20.20.2
                        """, Outcome.PORT_OUT_OF_RANGE,
                        "RangeError [ERR_SOCKET_BAD_PORT]: Port should be >= 0 and < 65536. Received type number"
                                + " (70000).", "Node"),
                // send(Buffer.alloc(70000), ...) with a callback that throws its error
                arguments("Node UDP datagram of 70,000 bytes", UDP, """
                        /tmp/ow/n_big.js:2
                        s.send(Buffer.alloc(70000), 23998, '127.0.0.1', (err) => { if (err) throw err; s.close(); });
                                                                                            ^

                        Error: send EMSGSIZE 127.0.0.1:23998
                            at doSend (node:dgram:727:16)
                            at defaultTriggerAsyncIdScope (node:internal/async_hooks:464:18)
                            at afterDns (node:dgram:673:5)
                            at process.processTicksAndRejections (node:internal/process/task_queues:83:21) {
                          errno: -90,
                          code: 'EMSGSIZE',
                          syscall: 'send',
                          address: '127.0.0.1',
                          port: 23998
                        }

                        Node.js v20.20.2
                        """, Outcome.IO_ERROR, "Error: send EMSGSIZE 127.0.0.1:23998", "Node"),
                // the next three with their "    at ..." lines left out
                arguments("Node TCP client, server resets", TCP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: read ECONNRESET
                        Emitted 'error' event on Socket instance at:
                          errno: -104,
                          code: 'ECONNRESET',
                          syscall: 'read'
                        }

                        Node.js v20.20.2
                        """, Outcome.CONNECTION_RESET, "Error: read ECONNRESET", "Node"),
                arguments("Node server on port 80, not root", TCP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: listen EACCES: permission denied 0.0.0.0:80
                        Emitted 'error' event on Server instance at:
                          code: 'EACCES',
                          errno: -13,
                          syscall: 'listen',
                          address: '0.0.0.0',
                          port: 80
                        }

                        Node.js v20.20.2
                        """, Outcome.PERMISSION_DENIED, "Error: listen EACCES: permission denied 0.0.0.0:80", "Node"),
                arguments("Node net.connect, packets dropped", TCP, """
                        node:events:502
                              throw er; // Unhandled 'error' event
                              ^

                        Error: connect ETIMEDOUT 127.0.0.1:23997
                        Emitted 'error' event on Socket instance at:
                          errno: -110,
                          code: 'ETIMEDOUT',
                          syscall: 'connect',
                          address: '127.0.0.1',
                          port: 23997
                        }

                        Node.js v20.20.2
                        """, Outcome.CONNECT_TIMEOUT, "Error: connect ETIMEDOUT 127.0.0.1:23997", "Node"),

                // C, perror after each call (c_all.c)
                arguments("C connect, nothing listening", TCP, "connect: Connection refused\n",
                        Outcome.CONNECTION_REFUSED, "connect: Connection refused", "C (perror)"),
                arguments("C connected UDP socket, recv, nothing listening", UDP, "recv: Connection refused\n",
                        Outcome.PORT_UNREACHABLE, "recv: Connection refused", "C (perror)"),
                arguments("C UDP recvfrom with SO_RCVTIMEO, nothing listening", UDP,
                        "recvfrom: Resource temporarily unavailable\n", Outcome.NO_REPLY,
                        "recvfrom: Resource temporarily unavailable", "C (perror)"),
                arguments("C TCP recv with SO_RCVTIMEO, no answer", TCP, "recv: Resource temporarily unavailable\n",
                        Outcome.NO_REPLY, "recv: Resource temporarily unavailable", "C (perror)"),
                arguments("C TCP bind, port taken", TCP, "bind: Address already in use\n", Outcome.PORT_IN_USE,
                        "bind: Address already in use", "C (perror)"),
                arguments("C UDP bind, port taken", UDP, "bind: Address already in use\n", Outcome.PORT_IN_USE,
                        "bind: Address already in use", "C (perror)"),
                arguments("C bind port 80 as nobody", TCP, "bind: Permission denied\n", Outcome.PERMISSION_DENIED,
                        "bind: Permission denied", "C (perror)"),
                arguments("C getaddrinfo (gai_strerror), then gethostbyname (herror)", TCP, """
                        getaddrinfo: Name or service not known
                        gethostbyname: Unknown host
                        """, Outcome.UNKNOWN_HOST, "getaddrinfo: Name or service not known", "C (perror)"),
                arguments("C UDP sendto of 70,000 bytes", UDP, "sendto: Message too long\n", Outcome.IO_ERROR,
                        "sendto: Message too long", "C (perror)"),
                arguments("C blocking connect, packets dropped", TCP, "connect: Connection timed out\n",
                        Outcome.CONNECT_TIMEOUT, "connect: Connection timed out", "C (perror)"),
                arguments("C connect with SO_SNDTIMEO 1 s, packets dropped", TCP,
                        "connect: Operation now in progress\n", Outcome.CONNECT_TIMEOUT,
                        "connect: Operation now in progress", "C (perror)"),

                // Java, uncaught exceptions (java J.java); the first two whole, the others their first lines
                arguments("Java new Socket, nothing listening", TCP, """
                        Exception in thread "main" java.net.ConnectException: Connection refused
                        \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                        \tat java.base/sun.nio.ch.Net.connect(Net.java:579)
                        \tat java.base/sun.nio.ch.Net.connect(Net.java:568)
                        \tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:593)
                        \tat java.base/java.net.SocksSocketImpl.connect(SocksSocketImpl.java:327)
                        \tat java.base/java.net.Socket.connect(Socket.java:633)
                        \tat java.base/java.net.Socket.connect(Socket.java:583)
                        \tat java.base/java.net.Socket.<init>(Socket.java:507)
                        \tat java.base/java.net.Socket.<init>(Socket.java:287)
                        \tat J.main(J.java:5)
                        """, Outcome.CONNECTION_REFUSED,
                        "Exception in thread \"main\" java.net.ConnectException: Connection refused", "Java"),
                arguments("Java connected DatagramSocket, nothing listening", UDP, """
                        Exception in thread "main" java.net.PortUnreachableException
                        \tat java.base/sun.nio.ch.DatagramChannelImpl.receive0(Native Method)
                        \tat java.base/sun.nio.ch.DatagramChannelImpl.receiveIntoNativeBuffer(DatagramChannelImpl.java:750)
                        \tat java.base/sun.nio.ch.DatagramChannelImpl.receive(DatagramChannelImpl.java:728)
                        \tat java.base/sun.nio.ch.DatagramChannelImpl.trustedBlockingReceive(DatagramChannelImpl.java:666)
                        \tat java.base/sun.nio.ch.DatagramChannelImpl.blockingReceive(DatagramChannelImpl.java:635)
                        \tat java.base/sun.nio.ch.DatagramSocketAdaptor.receive(DatagramSocketAdaptor.java:240)
                        \tat java.base/java.net.DatagramSocket.receive(DatagramSocket.java:700)
                        \tat J.main(J.java:7)
                        """, Outcome.PORT_UNREACHABLE,
                        "Exception in thread \"main\" java.net.PortUnreachableException", "Java"),
                arguments("Java DatagramSocket with setSoTimeout, nothing listening", UDP, """
                        Exception in thread "main" java.net.SocketTimeoutException: Receive timed out
                        \tat java.base/sun.nio.ch.DatagramChannelImpl.trustedBlockingReceive(DatagramChannelImpl.java:703)
                        """, Outcome.NO_REPLY,
                        "Exception in thread \"main\" java.net.SocketTimeoutException: Receive timed out", "Java"),
                arguments("Java ServerSocket, port taken", TCP, """
                        Exception in thread "main" java.net.BindException: Address already in use
                        \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                        \tat java.base/sun.nio.ch.Net.bind(Net.java:555)
                        """, Outcome.PORT_IN_USE,
                        "Exception in thread \"main\" java.net.BindException: Address already in use", "Java"),
                arguments("Java ServerSocket on port 80 as nobody", TCP, """
                        Exception in thread "main" java.net.BindException: Permission denied
                        \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                        """, Outcome.PERMISSION_DENIED,
                        "Exception in thread \"main\" java.net.BindException: Permission denied", "Java"),
                arguments("Java new Socket, unknown host", TCP, """
                        Exception in thread "main" java.net.UnknownHostException: nosuch.invalid
                        \tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:572)
                        """, Outcome.UNKNOWN_HOST,
                        "Exception in thread \"main\" java.net.UnknownHostException: nosuch.invalid", "Java"),
                arguments("Java new Socket, port 70000", TCP, """
                        Exception in thread "main" java.lang.IllegalArgumentException: port out of range:70000
                        \tat java.base/java.net.InetSocketAddress.checkPort(InetSocketAddress.java:152)
                        """, Outcome.PORT_OUT_OF_RANGE,
                        "Exception in thread \"main\" java.lang.IllegalArgumentException: port out of range:70000",
                        "Java"),
                arguments("Java DatagramSocket send of 70,000 bytes", UDP, """
                        Exception in thread "main" java.net.SocketException: Message too long
                        \tat java.base/sun.nio.ch.DatagramChannelImpl.send0(Native Method)
                        """, Outcome.IO_ERROR,
                        "Exception in thread \"main\" java.net.SocketException: Message too long", "Java"),
                arguments("Java read with setSoTimeout, no answer", TCP, """
                        Exception in thread "main" java.net.SocketTimeoutException: Read timed out
                        \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)
                        """, Outcome.NO_REPLY,
                        "Exception in thread \"main\" java.net.SocketTimeoutException: Read timed out", "Java"),
                arguments("Java read, server resets", TCP, """
                        Exception in thread "main" java.net.SocketException: Connection reset
                        \tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:328)
                        """, Outcome.CONNECTION_RESET,
                        "Exception in thread \"main\" java.net.SocketException: Connection reset", "Java"),
                arguments("Java connect(address, 1000), packets dropped", TCP, """
                        Exception in thread "main" java.net.SocketTimeoutException: Connect timed out
                        """, Outcome.CONNECT_TIMEOUT,
                        "Exception in thread \"main\" java.net.SocketTimeoutException: Connect timed out", "Java"),
                arguments("Java blocking connect, packets dropped", TCP, """
                        Exception in thread "main" java.net.ConnectException: Connection timed out
                        """, Outcome.CONNECT_TIMEOUT,
                        "Exception in thread \"main\" java.net.ConnectException: Connection timed out", "Java"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realOutput")
    void realOutputIsRead(String program, Transport transport, String output, Outcome outcome, String line,
            String language) {
        assertThat(read(transport, output)).contains(new WordMatch(outcome, line, language));
    }

    // ---- reading rules ----

    /** The line the seed's client printed before a traceback mentions refusal; the traceback's last line decides. */
    @Test
    void errorLinesAreReadBeforeIncidentalWords() {
        List<String> lines = List.of(
                "Input lowercase sentence:asmaa",
                "note: Connection timed out once, trying again",
                "Traceback (most recent call last):",
                "  File \"client.py\", line 9, in <module>",
                "    modifiedSentence = clientSocket.recv(1024)",
                "ConnectionResetError: [Errno 104] Connection reset by peer");

        assertThat(OutcomeWords.read(TCP, lines)).contains(new WordMatch(Outcome.CONNECTION_RESET,
                "ConnectionResetError: [Errno 104] Connection reset by peer", "Python"));
    }

    @Test
    void withoutAnErrorLookingLineTheFirstMatchingLineDecides() {
        List<String> lines = List.of("The server is ready to receive", "bind: Address already in use",
                "connect: Connection refused");

        assertThat(OutcomeWords.read(TCP, lines))
                .contains(new WordMatch(Outcome.PORT_IN_USE, "bind: Address already in use", "C (perror)"));
    }

    @Test
    void amongErrorLinesTheFirstDecides() {
        List<String> lines = List.of(
                "Traceback (most recent call last):",
                "    clientSocket.connect((serverName, serverPort))",
                "ConnectionRefusedError: [Errno 111] Connection refused",
                "",
                "During handling of the above exception, another exception occurred:",
                "",
                "Traceback (most recent call last):",
                "    clientSocket.send(b'x')",
                "BrokenPipeError: [Errno 32] Broken pipe");

        assertThat(OutcomeWords.read(TCP, lines).map(WordMatch::outcome)).contains(Outcome.CONNECTION_REFUSED);
    }

    /** Python's bare "timed out": a connect() frame in its own traceback makes it a connect timeout, on TCP only. */
    @Test
    void pythonTimeoutIsAConnectTimeoutOnlyWhenItsTracebackConnects() {
        List<String> inConnect = List.of(
                "Traceback (most recent call last):",
                "  File \"client.py\", line 12, in <module>",
                "    main()",
                "  File \"client.py\", line 6, in main",
                "    clientSocket = socket.create_connection((serverName, serverPort), timeout=2)",
                "                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
                "  File \"/usr/lib/python3.11/socket.py\", line 851, in create_connection",
                "    raise exceptions[0]",
                "  File \"/usr/lib/python3.11/socket.py\", line 836, in create_connection",
                "    sock.connect(sa)",
                "TimeoutError: timed out");
        // an earlier traceback connected; the one that ends in the timeout did not
        List<String> connectedEarlier = List.of(
                "Traceback (most recent call last):",
                "    s.connect(('127.0.0.1', 12000))",
                "OSError: [Errno 106] Transport endpoint is already connected",
                "",
                "During handling of the above exception, another exception occurred:",
                "",
                "Traceback (most recent call last):",
                "    reply = s.recv(1024)",
                "socket.timeout: timed out");
        // the program printed the error itself: no traceback, no call named
        List<String> ownWords = List.of("connecting...", "s.connect(addr) failed:", "TimeoutError: timed out");

        assertThat(OutcomeWords.read(TCP, inConnect).map(WordMatch::outcome)).contains(Outcome.CONNECT_TIMEOUT);
        assertThat(OutcomeWords.read(UDP, inConnect).map(WordMatch::outcome)).contains(Outcome.NO_REPLY);
        assertThat(OutcomeWords.read(TCP, connectedEarlier).map(WordMatch::outcome)).contains(Outcome.NO_REPLY);
        assertThat(OutcomeWords.read(TCP, ownWords).map(WordMatch::outcome)).contains(Outcome.NO_REPLY);
    }

    /** Windows reports ICMP port unreachable to an unconnected UDP socket as WinError 10054. */
    @Test
    void winError10054IsAResetOnTcpAndPortUnreachableOnUdp() {
        String line = "ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the"
                + " remote host";

        assertThat(OutcomeWords.read(TCP, List.of(line))).contains(new WordMatch(Outcome.CONNECTION_RESET, line,
                "Windows"));
        assertThat(OutcomeWords.read(UDP, List.of(line))).contains(new WordMatch(Outcome.PORT_UNREACHABLE, line,
                "Windows"));
    }

    /** Windows translates the words after the number: the number alone decides. */
    @Test
    void aWinErrorInAnotherLanguageIsReadByItsNumber() {
        String german = "ConnectionRefusedError: [WinError 10061] Es konnte keine Verbindung hergestellt werden, da"
                + " der Zielcomputer die Verbindung verweigerte";

        assertThat(OutcomeWords.read(TCP, List.of(german)))
                .contains(new WordMatch(Outcome.CONNECTION_REFUSED, german, "Windows"));
    }

    /** The C library's words in another language's message are credited to that language. */
    @Test
    void theCLibrarysWordsAreCreditedToTheLanguageThatPrintedThem() {
        assertThat(OutcomeWords.read(TCP, List.of("OSError: [Errno 99] Cannot assign requested address")))
                .contains(new WordMatch(Outcome.IO_ERROR, "OSError: [Errno 99] Cannot assign requested address",
                        "Python"));
        assertThat(OutcomeWords.read(TCP, List.of("java.net.ConnectException: Network is unreachable")))
                .contains(new WordMatch(Outcome.IO_ERROR, "java.net.ConnectException: Network is unreachable",
                        "Java"));
        assertThat(OutcomeWords.read(TCP, List.of("Connection refused")))
                .contains(new WordMatch(Outcome.CONNECTION_REFUSED, "Connection refused", "C (perror)"));
    }

    @Test
    void theMatchedLineIsGivenWithoutSurroundingBlanks() {
        assertThat(OutcomeWords.read(TCP, List.of("  connect: Connection refused\r")))
                .contains(new WordMatch(Outcome.CONNECTION_REFUSED, "connect: Connection refused", "C (perror)"));
    }

    @Test
    void nothingPrintedSaysNothing() {
        assertThat(OutcomeWords.read(TCP, List.of())).isEmpty();
        assertThat(OutcomeWords.read(UDP, Arrays.asList("", null, "   "))).isEmpty();
        assertThatThrownBy(() -> OutcomeWords.read(null, List.of())).isInstanceOf(NullPointerException.class);
    }

    // ---- lines that must match nothing ----

    static Stream<String> ordinaryLines() {
        return Stream.of(
                "ASMAA GAMAL NAGY",
                "From Server: ASMAA GAMAL NAGY",
                "Input lowercase sentence:",
                "Input lowercase sentence:asmaa gamal nagy",
                "The server is ready to receive",
                "Server listening on 127.0.0.1 : 2000",
                "From 127.0.0.1:35749: \"asmaa gamal nagy\" -> \"ASMAA GAMAL NAGY\"",
                // an upper-casing server's echo of words that name a failure: replies, not errors
                "CONNECTION REFUSED",
                "From Server: CONNECTION REFUSED",
                "From Server: ECONNREFUSED",
                "EADDRINUSE",
                "ERROR: CONNECTION REFUSED",
                "From Server: CONNECTIONREFUSEDERROR: [ERRNO 111] CONNECTION REFUSED",
                "From Server: TIMED OUT",
                // a server printing, as received, a sentence that names a failure
                "connection refused",
                "address already in use",
                "i/o timeout",
                "From 127.0.0.1:35749: \"connection refused\" -> \"CONNECTION REFUSED\"",
                // failures that are not the network's: quoted as an I/O error by the caller
                "NameError: name 'clientSocket' is not defined",
                "Exception in thread \"main\" java.lang.NullPointerException",
                "Segmentation fault",
                // socket-lab's own programs say it in their exit status, read by ofSocketLabExitCode
                "error: nothing is listening on 127.0.0.1:12000/tcp; the host refused the connection request (SYN)"
                        + " with a reset (RST), or a firewall rejected it");
    }

    @ParameterizedTest
    @MethodSource("ordinaryLines")
    void ordinaryLinesMatchNothing(String line) {
        assertThat(OutcomeWords.read(TCP, List.of(line))).isEmpty();
        assertThat(OutcomeWords.read(UDP, List.of(line))).isEmpty();
    }

    // ---- socket-lab's own programs: README's exit-code table ----

    static Stream<Arguments> readmeExitCodes() throws IOException {
        String readme = Files.readString(README);
        String table = readme.substring(readme.indexOf("### Exit codes"));
        table = table.substring(0, table.indexOf("\n###"));
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| ([^|]+?) \\|").matcher(table);
        List<Arguments> codes = new ArrayList<>();
        while (row.find()) {
            codes.add(arguments(Integer.parseInt(row.group(1)), row.group(2)));
        }
        assertThat(codes).as("rows of README's exit-code table").hasSize(13);
        return codes.stream();
    }

    @ParameterizedTest(name = "exit {0}: {1}")
    @MethodSource("readmeExitCodes")
    void socketLabExitCodesAreReadmesTable(int code, String phrase) {
        Optional<Outcome> expected = phrase.equals("usage error") ? Optional.empty()
                : Optional.of(Outcome.ofPhrase(phrase));

        assertThat(OutcomeWords.ofSocketLabExitCode(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void everyOutcomeHasItsExitCode(Outcome outcome) {
        assertThat(OutcomeWords.ofSocketLabExitCode(outcome.exitCode())).contains(outcome);
    }

    @Test
    void otherExitStatusesAreNoOutcome() {
        for (int status : new int[] {2, 13, -1, 126, 127, 130, 137, 143, 255}) {
            assertThat(OutcomeWords.ofSocketLabExitCode(status)).as("exit %d", status).isEmpty();
        }
    }

    // ---- the documentation ----

    /** features/README.md shows the table as the code has it: outcome by outcome, a column per language. */
    @Test
    void theGlossaryShowsTheTable() throws IOException {
        String glossary = Files.readString(GLOSSARY);
        String expected = markdownTable();

        assertThat(glossary).contains(SECTION);
        assertThat(glossary.substring(glossary.indexOf(SECTION)))
                .as("the table in %s (regenerate it from this test's markdownTable())", GLOSSARY)
                .contains(expected);
    }

    private static final List<String> LANGUAGES = List.of("Python", "Java", "C (perror)", "Node", "Go", "Windows");

    /**
     * The table as the glossary shows it: a row per outcome (I/O error last), a column per language, each row's
     * words (what it finds in its examples) under what they mean. Words whose meaning depends on the transport are
     * marked (TCP) and (UDP), except connect-timeout words: on UDP every timeout is no reply, which the glossary
     * says once instead of listing each of them again under "no reply".
     */
    static String markdownTable() {
        Map<Outcome, Map<String, Set<String>>> cells = new EnumMap<>(Outcome.class);
        for (Row row : OutcomeWords.table()) {
            boolean timeout = row.tcp() == Outcome.CONNECT_TIMEOUT && row.udp() == Outcome.NO_REPLY;
            boolean split = row.tcp() != row.udp() && !timeout;
            for (String words : row.shownWords()) {
                String shown = "`" + words + "`";
                add(cells, row.tcp(), row.language(), split ? shown + " (TCP)" : shown);
                if (split) {
                    add(cells, row.udp(), row.language(), shown + " (UDP)");
                }
                if (row.tcpInConnect() != null) {
                    add(cells, row.tcpInConnect(), row.language(), shown + " (TCP, traceback in `connect()`)");
                }
            }
        }
        List<Outcome> order = new ArrayList<>(cells.keySet());
        order.remove(Outcome.IO_ERROR);
        order.add(Outcome.IO_ERROR);
        StringBuilder table = new StringBuilder("| outcome | " + String.join(" | ", LANGUAGES) + " |\n|---|"
                + "---|".repeat(LANGUAGES.size()) + "\n");
        for (Outcome outcome : order) {
            table.append("| ").append(outcome.phrase()).append(" | ")
                    .append(LANGUAGES.stream()
                            .map(language -> cells.get(outcome).getOrDefault(language, Set.of("–")))
                            .map(words -> String.join(", ", words))
                            .collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static void add(Map<Outcome, Map<String, Set<String>>> cells, Outcome outcome, String language,
            String shown) {
        cells.computeIfAbsent(outcome, o -> new LinkedHashMap<>())
                .computeIfAbsent(language, l -> new LinkedHashSet<>()).add(shown);
    }
}
