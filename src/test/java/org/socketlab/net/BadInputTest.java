package org.socketlab.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketlab.net.RecordingOutput.Line;

/**
 * The bad-input battery of issue 6: each bad client is sent to a running server, and each test checks that
 * <ul>
 *   <li>the offender gets a clear answer or a clean close,</li>
 *   <li>the server logs one clear line about it (on a {@link RecordingOutput}),</li>
 *   <li>every other client is still served (a normal round trip after each test, and during the slow ones),</li>
 *   <li>nothing leaks: no connection stays open, the JVM's open file descriptors (sockets) come back to what they
 *       were while the server ran, and after {@code close()} its threads come back to what they were before it
 *       started. (The TCP servers keep finished connection threads idle in their pool for a minute, for the next
 *       connections, so the thread count is compared after the server closes.)</li>
 * </ul>
 * There are no fixed sleeps: every wait is for a condition, bounded ({@link Eventually}, socket timeouts).
 * The proxy's cases (bad request line, no Host, oversized header block, CONNECT to a host not allowed, an origin
 * that ends its response early) come with the proxy.
 */
@Isolated("it counts the JVM's threads and file descriptors before and after: another class's would count")
class BadInputTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(LOOPBACK, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int WAIT_MILLIS = (int) WAIT.toMillis();
    /** The idle timeout of the tests about other things: long enough never to fire in them. */
    private static final Duration LONG_IDLE = Duration.ofSeconds(30);
    /** The idle timeout of the tests about a client that never sends. */
    private static final Duration SHORT_IDLE = Duration.ofMillis(200);
    private static final int CROWD = 2_000;
    private static final int MEBIBYTE = 1 << 20;

    /** Bytes that are not UTF-8, in the ways a client can get it wrong; none contains a line break. */
    static Stream<Arguments> notUtf8() {
        return Stream.of(
                arguments("random bytes", randomBytes(4096)),
                arguments("a lone continuation byte", bytes("abc", 0x80, "def")),
                arguments("an overlong encoding of '/'", bytes("x", 0xC0, 0xAF, "y")),
                arguments("an encoded surrogate", bytes("a", 0xED, 0xA0, 0x80, "b")),
                arguments("bytes that are never UTF-8", bytes("caf", 0xFE, 0xFF, "e")),
                arguments("a character cut off at the end", bytes("price: 5", 0xE2, 0x82)));
    }

    /** Random bytes without CR or LF, so that for the line server they are one line. Seeded: runs repeat. */
    private static byte[] randomBytes(int count) {
        Random random = new Random(6);
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            do {
                bytes[i] = (byte) random.nextInt(256);
            } while (bytes[i] == '\n' || bytes[i] == '\r');
        }
        return bytes;
    }

    /** Text and single bytes, e.g. {@code bytes("abc", 0x80)}. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** What a decoder that puts U+FFFD in place of each bad sequence makes of the bytes, as the servers must. */
    private static String withReplacementCharacters(byte[] bytes) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LOOPBACK, port), WAIT_MILLIS);
        socket.setSoTimeout(WAIT_MILLIS);
        return socket;
    }

    /** How the servers name a client in their log: {@code 127.0.0.1:54321}. */
    private static String nameOf(Socket socket) {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private static String nameOf(DatagramSocket socket) {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Writes on another thread while the caller reads, so neither side's buffers can fill up and stall both. */
    private static Thread writeInBackground(Socket socket, byte[] bytes, boolean thenHalfClose,
            AtomicReference<IOException> failure) {
        Thread writer = new Thread(() -> {
            try {
                socket.getOutputStream().write(bytes);
                if (thenHalfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                failure.set(e);
            }
        }, "bad-input-writer");
        writer.start();
        return writer;
    }

    private static void join(Thread thread) throws InterruptedException {
        thread.join(WAIT_MILLIS);
        assertThat(thread.isAlive()).as(thread.getName() + " still running").isFalse();
    }

    @Nested
    class TcpUppercase {
        private final RecordingOutput log = new RecordingOutput();
        private Leaks beforeStart;
        private Leaks whileServing;
        private TcpUppercaseServer server;

        private void start(Duration idleTimeout) throws LabException {
            beforeStart = Leaks.now();
            server = TcpUppercaseServer.start(ANY_PORT, log, idleTimeout);
            assertThat(roundTrip("warm up")).isEqualTo("WARM UP");
            Eventually.within(WAIT, "the warm-up connection to end", () -> server.openConnections() == 0);
            whileServing = Leaks.now();
        }

        /** A well-behaved client: the lab's own TCP client. */
        private String roundTrip(String sentence) throws LabException {
            ClientOptions options = ClientOptions.to("127.0.0.1", server.port()).withTimeout(WAIT);
            try (TcpUppercaseClient client = TcpUppercaseClient.connect(options)) {
                return client.exchange(sentence);
            }
        }

        private void awaitNoOpenConnection() {
            Eventually.within(WAIT, "no open connection (now " + server.openConnections() + ")",
                    () -> server.openConnections() == 0);
        }

        @AfterEach
        void othersAreServedAndNothingLeaks() throws LabException {
            if (server == null) {
                return;
            }
            try {
                assertThat(roundTrip("still there?")).isEqualTo("STILL THERE?");
                awaitNoOpenConnection();
                whileServing.awaitNoMoreFileDescriptors();
            } finally {
                server.close();
            }
            beforeStart.awaitNoMoreThreads();
            beforeStart.awaitNoMoreFileDescriptors();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.net.BadInputTest#notUtf8")
        void bytesThatAreNotUtf8AreAnsweredWithReplacementCharacters(String what, byte[] sent) throws Exception {
            start(LONG_IDLE);
            try (Socket client = connect(server.port())) {
                client.getOutputStream().write(sent);
                client.shutdownOutput();
                String reply = new String(client.getInputStream().readAllBytes(), UTF_8);

                assertThat(reply).contains("\uFFFD").isEqualTo(Uppercase.of(withReplacementCharacters(sent)));
                awaitNoOpenConnection();
                assertThat(log.about(nameOf(client))).containsExactly(new Line(true, "From " + nameOf(client)
                        + ": bytes that are not UTF-8, answered with U+FFFD in their place"));
            }
        }

        @Test
        void aMebibyteSentenceComesBackWholeAndInUpperCase() throws Exception {
            start(LONG_IDLE);
            String sentence = "the quick brown fox jumps over the lazy dog, straße, ﬁle, éèê. "
                    .repeat(MEBIBYTE / 60);
            assertThat(sentence.getBytes(UTF_8).length).isGreaterThan(MEBIBYTE);
            try (Socket client = connect(server.port())) {
                AtomicReference<IOException> failure = new AtomicReference<>();
                Thread writer = writeInBackground(client, sentence.getBytes(UTF_8), true, failure);
                String reply = new String(client.getInputStream().readAllBytes(), UTF_8);
                join(writer);

                assertThat(failure.get()).isNull();
                assertThat(reply).isEqualTo(Uppercase.of(sentence)); // ß became SS, ﬁ became FI: longer than sent
                awaitNoOpenConnection();
                long characters = sentence.codePointCount(0, sentence.length());
                assertThat(log.about(nameOf(client))).singleElement().satisfies(line -> {
                    assertThat(line.error()).isFalse();
                    assertThat(line.text()).startsWith("From " + nameOf(client) + ": \"the quick brown fox")
                            .contains(" -> \"THE QUICK BROWN FOX")
                            .endsWith("… (" + characters + " characters)");
                });
            }
        }

        @Test
        void aClientThatNeverSendsIsClosedAfterTheIdleTimeout() throws Exception {
            start(SHORT_IDLE);
            try (Socket silent = connect(server.port())) {
                assertThat(roundTrip("meanwhile")).as("served while the silent client is connected")
                        .isEqualTo("MEANWHILE");

                assertThat(silent.getInputStream().read()).as("a clean close (FIN), not a reset").isEqualTo(-1);
                awaitNoOpenConnection();
                assertThat(log.about(nameOf(silent))).containsExactly(
                        new Line(true, nameOf(silent) + " sent nothing for 200ms; connection closed"));
            }
        }

        @Test
        void aClientThatSendsAndNeverReadsItsReplyIsClosedAfterTheIdleTimeout() throws Exception {
            start(SHORT_IDLE);
            // More than all four socket buffers on the way hold (Linux's defaults let each grow to 4-6 MiB), so the
            // writer is still writing when the server gives up on it.
            byte[] big = "a".repeat(32 * MEBIBYTE).getBytes(US_ASCII);
            try (Socket deaf = connect(server.port())) {
                String name = nameOf(deaf);
                AtomicReference<IOException> stopped = new AtomicReference<>();
                Thread writer = writeInBackground(deaf, big, false, stopped); // and never reads a byte

                join(writer); // the server stops reading too, once its replies fill the buffers: then it closes
                assertThat(stopped.get()).as("the writer was cut off").isNotNull();
                awaitNoOpenConnection();
                assertThat(log.about(name)).containsExactly(
                        new Line(true, name + " read nothing of its reply for 200ms; connection closed"));
                assertThat(roundTrip("meanwhile")).isEqualTo("MEANWHILE");
            }
        }

        @Test
        void aClientThatSendsOneByteAtATimeHoldsNobodyUp() throws Exception {
            start(LONG_IDLE);
            String sentence = "héllo, wörld";
            try (Socket slow = connect(server.port())) {
                slow.setTcpNoDelay(true); // each byte its own segment
                OutputStream out = slow.getOutputStream();
                InputStream in = slow.getInputStream();
                for (int i = 0; i < sentence.length(); ) {
                    String character = new String(Character.toChars(sentence.codePointAt(i)));
                    i += character.length();
                    for (byte b : character.getBytes(UTF_8)) {
                        // The gap between two bytes: another client's whole round trip.
                        assertThat(roundTrip("meanwhile")).isEqualTo("MEANWHILE");
                        out.write(b);
                    }
                    byte[] upper = Uppercase.of(character).getBytes(UTF_8);
                    assertThat(in.readNBytes(upper.length)).as("the reply streams as each character completes")
                            .isEqualTo(upper);
                }
                slow.shutdownOutput();

                assertThat(in.read()).isEqualTo(-1);
                awaitNoOpenConnection();
                assertThat(log.about(nameOf(slow))).containsExactly(
                        new Line(false, "From " + nameOf(slow) + ": \"héllo, wörld\" -> \"HÉLLO, WÖRLD\""));
            }
        }

        @Test
        void aClientThatDisconnectsMidReplyCostsOneLogLine() throws Exception {
            start(LONG_IDLE);
            byte[] big = "a".repeat(8 * MEBIBYTE).getBytes(US_ASCII); // more than the socket buffers hold
            Socket client = connect(server.port());
            String name = nameOf(client);
            AtomicReference<IOException> ignored = new AtomicReference<>();
            Thread writer = writeInBackground(client, big, false, ignored);
            assertThat(client.getInputStream().readNBytes(1024)).containsOnly((byte) 'A');
            client.setSoLinger(true, 0); // close with a reset (RST), as a killed program's socket does
            client.close();
            join(writer);

            awaitNoOpenConnection();
            assertThat(log.about(name)).singleElement().satisfies(line -> {
                assertThat(line.error()).isTrue();
                assertThat(line.text()).isIn(name + " reset the connection",
                        name + " closed the connection before the reply was sent");
            });
        }

        @Test
        void twoThousandConnectionsAtOnceAreAllServed() throws Exception {
            assumeDescriptorsForACrowd();
            start(LONG_IDLE);
            List<Socket> crowd = new ArrayList<>();
            try {
                connectCrowd(crowd, server.port(), server::openConnections);
                for (int i = 0; i < CROWD; i++) {
                    crowd.get(i).getOutputStream().write(("client " + i).getBytes(UTF_8));
                    crowd.get(i).shutdownOutput();
                }
                for (int i = 0; i < CROWD; i++) {
                    assertThat(new String(crowd.get(i).getInputStream().readAllBytes(), UTF_8))
                            .isEqualTo("CLIENT " + i);
                }
            } finally {
                crowd.forEach(BadInputTest::closeQuietly);
            }
            awaitNoOpenConnection();
            assertThat(log.lines()).filteredOn(line -> line.text().contains("\" -> \"CLIENT ")).hasSize(CROWD);
            assertThat(log.lines()).filteredOn(Line::error).isEmpty();
        }
    }

    @Nested
    class UdpUppercase {
        private final RecordingOutput log = new RecordingOutput();
        private Leaks beforeStart;
        private Leaks whileServing;
        private UdpUppercaseServer server;
        private DatagramSocket offender;

        private void start() throws IOException {
            beforeStart = Leaks.now();
            server = UdpUppercaseServer.start(ANY_PORT, log);
            assertThat(roundTrip("warm up")).isEqualTo("WARM UP");
            whileServing = Leaks.now();
            // Not connected: on Linux, JDK 17 silently sends nothing for an empty datagram on a connected socket.
            offender = new DatagramSocket();
            offender.setSoTimeout(WAIT_MILLIS);
        }

        /** A well-behaved client: the lab's own UDP client, with its own socket. */
        private String roundTrip(String sentence) throws LabException {
            ClientOptions options = ClientOptions.to("127.0.0.1", server.port()).withTimeout(WAIT);
            try (UdpUppercaseClient client = UdpUppercaseClient.open(options)) {
                return client.exchange(sentence);
            }
        }

        private void sendOnly(byte[] datagram) throws IOException {
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, server.port());
            offender.send(new DatagramPacket(datagram, datagram.length, to));
        }

        /** Sends the datagram, and returns the reply once the server has logged it (it logs after replying). */
        private byte[] send(byte[] datagram) throws IOException {
            int logged = log.about(nameOf(offender)).size();
            sendOnly(datagram);
            DatagramPacket reply = new DatagramPacket(new byte[65_508], 65_508);
            offender.receive(reply);
            Eventually.within(WAIT, "the server to log the datagram",
                    () -> log.about(nameOf(offender)).size() > logged);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        }

        @AfterEach
        void othersAreServedAndNothingLeaks() throws LabException {
            if (server == null) {
                return;
            }
            try {
                assertThat(roundTrip("still there?")).isEqualTo("STILL THERE?");
                offender.close();
                whileServing.awaitNoMoreFileDescriptors();
            } finally {
                server.close();
            }
            beforeStart.awaitNoMoreThreads();
            beforeStart.awaitNoMoreFileDescriptors();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.net.BadInputTest#notUtf8")
        void bytesThatAreNotUtf8AreAnsweredWithReplacementCharacters(String what, byte[] sent) throws Exception {
            start();
            String reply = new String(send(sent), UTF_8);

            assertThat(reply).contains("\uFFFD").isEqualTo(Uppercase.of(withReplacementCharacters(sent)));
            assertThat(log.about(nameOf(offender))).containsExactly(new Line(true, "From " + nameOf(offender)
                    + ": bytes that are not UTF-8, answered with U+FFFD in their place"));
        }

        @Test
        void theLargestDatagramComesBackWhole() throws Exception {
            start();
            byte[] largest = "abcdefghijklmnopqrstuvwxyz ".repeat(2500).substring(0, Limits.SERVER_DATAGRAM_BYTES)
                    .getBytes(US_ASCII);
            assertThat(largest).hasSize(65_507); // 65,535 - 8 (UDP header) - 20 (IPv4 header)

            assertThat(send(largest)).isEqualTo(Uppercase.of(new String(largest, US_ASCII)).getBytes(US_ASCII));
            assertThat(log.about(nameOf(offender))).singleElement().satisfies(line -> {
                assertThat(line.error()).isFalse();
                assertThat(line.text()).startsWith("From " + nameOf(offender) + ": \"abcdefghij")
                        .endsWith("… (65507 characters)");
            });
        }

        @Test
        void aDatagramWhoseUpperCaseOutgrowsADatagramIsNotAnsweredAndSaysWhy() throws Exception {
            start();
            // 'ŉ' is 2 bytes in UTF-8 and its upper case "ʼN" is 3: the reply would be half as long again.
            byte[] sent = "ŉ".repeat(Limits.SERVER_DATAGRAM_BYTES / 2).getBytes(UTF_8);
            sendOnly(sent);
            log.awaitText("From " + nameOf(offender) + ": the upper-case reply");

            assertThat(new String(send("ping".getBytes(US_ASCII)), US_ASCII))
                    .as("the next reply on the same socket is for the next datagram: none came for the big one")
                    .isEqualTo("PING");
            assertThat(log.about(nameOf(offender))).first().isEqualTo(new Line(true, "From " + nameOf(offender)
                    + ": the upper-case reply would be 98259 bytes, more than an IPv4 datagram holds (65507); not answered"));
        }

        @Test
        void anEmptyDatagramGetsAnEmptyReply() throws Exception {
            start();
            assertThat(send(new byte[0])).isEmpty();
            assertThat(log.about(nameOf(offender))).containsExactly(
                    new Line(false, "From " + nameOf(offender) + ": \"\" -> \"\""));
        }
    }

    @Nested
    class LineServerInput {
        private final RecordingOutput log = new RecordingOutput();
        private Leaks beforeStart;
        private Leaks whileServing;
        private LineServer server;

        private void start(Duration idleTimeout) throws IOException {
            beforeStart = Leaks.now();
            server = LineServer.start(ANY_PORT, log, idleTimeout);
            sendLine("warm up");
            awaitNoOpenConnection();
            whileServing = Leaks.now();
        }

        /** A well-behaved client: sends one line, half-closes, sees the server close, and the line logged. */
        private void sendLine(String line) throws IOException {
            try (Socket client = connect(server.port())) {
                client.getOutputStream().write((line + "\n").getBytes(UTF_8));
                client.shutdownOutput();
                assertThat(client.getInputStream().read()).as("the line server answers nothing").isEqualTo(-1);
                log.awaitText(nameOf(client) + " closed the connection after 1 line");
                assertThat(log.about(nameOf(client))).contains(
                        new Line(false, LineServer.prefix(nameOf(client)) + line));
            }
        }

        private void awaitNoOpenConnection() {
            Eventually.within(WAIT, "no open connection (now " + server.openConnections() + ")",
                    () -> server.openConnections() == 0);
        }

        private Line established(String client) {
            return new Line(false, "Connection has been established with: " + client);
        }

        @AfterEach
        void othersAreServedAndNothingLeaks() throws IOException {
            if (server == null) {
                return;
            }
            try {
                sendLine("still there?");
                awaitNoOpenConnection();
                whileServing.awaitNoMoreFileDescriptors();
            } finally {
                server.close();
            }
            beforeStart.awaitNoMoreThreads();
            beforeStart.awaitNoMoreFileDescriptors();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.socketlab.net.BadInputTest#notUtf8")
        void bytesThatAreNotUtf8ArePrintedWithReplacementCharactersAndSaidSo(String what, byte[] sent)
                throws Exception {
            start(LONG_IDLE);
            try (Socket client = connect(server.port())) {
                client.getOutputStream().write(sent);
                client.getOutputStream().write('\n');
                client.shutdownOutput();

                assertThat(client.getInputStream().read()).isEqualTo(-1);
                awaitNoOpenConnection();
                String name = nameOf(client);
                assertThat(log.about(name)).containsExactly(established(name),
                        new Line(false, LineServer.prefix(name) + withReplacementCharacters(sent)
                                + " [bytes that are not UTF-8 shown as U+FFFD]"),
                        new Line(false, name + " closed the connection after 1 line"));
            }
        }

        @Test
        void aMebibyteLineIsCutAndSaidSo() throws Exception {
            start(LONG_IDLE);
            try (Socket client = connect(server.port())) {
                client.getOutputStream().write("a".repeat(MEBIBYTE).getBytes(US_ASCII)); // read as it comes
                client.shutdownOutput();

                assertThat(client.getInputStream().read()).isEqualTo(-1);
                awaitNoOpenConnection();
                String name = nameOf(client);
                assertThat(log.about(name)).containsExactly(established(name),
                        new Line(false, LineServer.prefix(name) + "a".repeat(Limits.LINE_BYTES)
                                + " [line cut at " + Limits.LINE_BYTES + " bytes]"),
                        new Line(false, name + " closed the connection after 1 line"));
            }
        }

        @Test
        void aClientThatNeverSendsIsClosedAfterTheIdleTimeout() throws Exception {
            start(SHORT_IDLE);
            try (Socket silent = connect(server.port())) {
                sendLine("meanwhile");

                assertThat(silent.getInputStream().read()).as("a clean close (FIN), not a reset").isEqualTo(-1);
                awaitNoOpenConnection();
                String name = nameOf(silent);
                assertThat(log.about(name)).containsExactly(established(name),
                        new Line(true, name + " sent nothing for 200ms; connection closed"));
            }
        }

        @Test
        void aClientThatSendsOneByteAtATimeHoldsNobodyUp() throws Exception {
            start(LONG_IDLE);
            String request = "GET http://lab.test/ HTTP/1.1";
            try (Socket slow = connect(server.port())) {
                slow.setTcpNoDelay(true);
                for (byte b : (request + "\r\n").getBytes(US_ASCII)) {
                    sendLine("meanwhile"); // the gap between two bytes: another client served, logged and gone
                    slow.getOutputStream().write(b);
                }
                String name = nameOf(slow);
                log.awaitText(LineServer.prefix(name));
                slow.shutdownOutput();

                assertThat(slow.getInputStream().read()).isEqualTo(-1);
                awaitNoOpenConnection();
                assertThat(log.about(name)).containsExactly(established(name),
                        new Line(false, LineServer.prefix(name) + request),
                        new Line(false, name + " closed the connection after 1 line"));
            }
        }

        @Test
        void aClientThatDisconnectsMidLineCostsOneLogLine() throws Exception {
            start(LONG_IDLE);
            Socket client = connect(server.port());
            String name = nameOf(client);
            client.getOutputStream().write("a line that never ends".getBytes(US_ASCII));
            log.awaitText("Connection has been established with: " + name);
            client.setSoLinger(true, 0); // close with a reset (RST)
            client.close();

            awaitNoOpenConnection();
            assertThat(log.about(name)).containsExactly(established(name),
                    new Line(true, name + " reset the connection"));
        }

        @Test
        void twoThousandConnectionsAtOnceAreAllHeard() throws Exception {
            assumeDescriptorsForACrowd();
            start(LONG_IDLE);
            List<Socket> crowd = new ArrayList<>();
            try {
                connectCrowd(crowd, server.port(), server::openConnections);
                for (int i = 0; i < CROWD; i++) {
                    crowd.get(i).getOutputStream().write(("line " + i + "\n").getBytes(UTF_8));
                    crowd.get(i).shutdownOutput();
                }
                for (Socket client : crowd) {
                    assertThat(client.getInputStream().read()).isEqualTo(-1);
                }
            } finally {
                crowd.forEach(BadInputTest::closeQuietly);
            }
            awaitNoOpenConnection();
            assertThat(log.lines()).filteredOn(line -> line.text().matches("\\[127\\.0\\.0\\.1:\\d+] line \\d+"))
                    .hasSize(CROWD);
            assertThat(log.lines()).filteredOn(Line::error).isEmpty();
        }
    }

    /** Each connection of the crowd costs a descriptor at both ends: skip, saying why, where there are too few. */
    private static void assumeDescriptorsForACrowd() {
        long spare = Leaks.maxFileDescriptors() - Leaks.openFileDescriptors();
        assumeTrue(spare > 2 * CROWD + 100, "needs " + (2 * CROWD + 100) + " spare file descriptors (both ends "
                + "of each connection), but ulimit -n leaves " + spare);
    }

    /** Opens {@link #CROWD} connections at once, into {@code crowd} so the caller closes them whatever happens. */
    private static void connectCrowd(List<Socket> crowd, int port, IntSupplier openConnections) throws IOException {
        for (int i = 0; i < CROWD; i++) {
            crowd.add(connect(port));
        }
        Eventually.within(WAIT, "all " + CROWD + " connections accepted (now " + openConnections.getAsInt() + ")",
                () -> openConnections.getAsInt() == CROWD);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the test is over with this socket
        }
    }
}
