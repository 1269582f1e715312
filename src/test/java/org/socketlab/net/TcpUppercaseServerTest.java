package org.socketlab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The concurrent TCP uppercase server and the TCP client, on real loopback sockets. */
@Isolated("it counts the JVM's threads and file descriptors before and after: another class's would count")
class TcpUppercaseServerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void answersTheSeedsSentenceInUpperCaseOnTheRealPortOfPortZero() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), log)) {
            assertThat(server.port()).isBetween(1, 65_535);
            assertThat(log.outLines()).containsExactly(TcpUppercaseServer.READY);

            try (TcpUppercaseClient client = TcpUppercaseClient.connect(ClientOptions.to(Loopback.HOST, server.port()))) {
                assertThat(client.exchange("asmaa gamal nagy")).isEqualTo("ASMAA GAMAL NAGY");
                String clientAddress = Loopback.HOST + ":" + client.localPort();
                assertThat(log.awaitOutLine(line -> line.startsWith("From " + clientAddress), WAIT))
                        .contains("From " + clientAddress + ": \"asmaa gamal nagy\" -> \"ASMAA GAMAL NAGY\"");
            }
        }
    }

    @Test
    void theClientTakesASentenceLargerThanBothEndsBuffersWithoutBothBlockingInWrite() throws Exception {
        // The server answers as it reads: written whole before reading, 32 MiB filled every buffer on the way.
        String sentence = "abcdefghijklmnopqrstuvwxyz ".repeat(32 * (1 << 20) / 27);
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal());
                TcpUppercaseClient client = TcpUppercaseClient.connect(
                        ClientOptions.to(Loopback.HOST, server.port()).withTimeout(Duration.ofSeconds(20)))) {
            String reply = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> client.exchange(sentence));

            assertThat(reply).hasSameSizeAs(sentence).startsWith("ABCDEFGHIJKLMNOPQRSTUVWXYZ ").endsWith("XYZ ");
        }
    }

    @Test
    void theClientProgramPrintsFromServerLikeTheSeed() throws Exception {
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            RecordingTerminal console = new RecordingTerminal("asmaa gamal nagy");
            ClientRun run = ClientProgram.run(Transport.TCP, ClientOptions.to(Loopback.HOST, server.port()), console);

            assertThat(run.outcome()).isEqualTo(Outcome.REPLY);
            assertThat(console.out()).isEqualTo("Input lowercase sentence:From Server: ASMAA GAMAL NAGY\n");
            assertThat(console.err()).isEmpty();
        }
    }

    @Test
    void closeLeavesNoThreadBehindEvenWithAClientStillConnected() throws Exception {
        Set<Thread> before = Loopback.liveThreads();
        TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal());
        try (TcpUppercaseClient client = TcpUppercaseClient.connect(ClientOptions.to(Loopback.HOST, server.port()))) {
            assertThat(client.exchange("one")).isEqualTo("ONE");
        }
        try (Socket silent = new Socket(Loopback.HOST, server.port())) {
            assertThat(Loopback.eventually(() -> server.openConnections() == 1, WAIT)).isTrue();
            // The selector threads serve every connection: none of its own for the silent client.
            assertThat(Loopback.liveThreads()).extracting(Thread::getName)
                    .filteredOn(name -> name.startsWith("tcp-uppercase-" + server.port() + "-"))
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("tcp-uppercase-" + server.port() + "-selector-"))
                    .hasSizeLessThanOrEqualTo(SelectorServer.MAX_LOOPS);

            server.close();

            List<String> left = Loopback.threadsLeftSince(before, WAIT);
            assertThat(left).as("threads still alive after close()").isEmpty();
            assertThat(Loopback.liveThreads()).hasSizeLessThanOrEqualTo(before.size());
            silent.setSoTimeout((int) WAIT.toMillis());
            assertThat(silent.getInputStream().read()).as("the server closed the silent connection").isEqualTo(-1);
        }
    }

    @Test
    void aCharacterSplitAcrossTwoWritesComesBackWhole() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(euro).hasSize(3);
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal());
                Socket socket = new Socket(Loopback.HOST, server.port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // One segment: "a" and the first byte of €. The server answers each read at once, so its "A" shows it
            // has read that segment, lone first byte and all, before the rest of the character is even sent.
            out.write(new byte[] {'a', euro[0]});
            out.flush();
            assertThat(in.read()).isEqualTo('A');
            out.write(euro, 1, 2);
            out.flush();
            socket.shutdownOutput();

            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("€");
        }
    }

    @Test
    void a1023ByteSentenceFollowedByAThreeByteCharacterWorks() throws Exception {
        // The seed's server reads recv(1024): it cuts € after its first byte and dies with UnicodeDecodeError.
        String sentence = "a".repeat(1023) + "€";
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal());
                TcpUppercaseClient client = TcpUppercaseClient.connect(ClientOptions.to(Loopback.HOST, server.port()))) {
            assertThat(client.exchange(sentence)).isEqualTo("A".repeat(1023) + "€");
        }
    }

    @Test
    void aMegabyteComesBackWhole() throws Exception {
        String sentence = "abcdefghij".repeat(100_000);
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal());
                TcpUppercaseClient client = TcpUppercaseClient.connect(ClientOptions.to(Loopback.HOST, server.port()))) {
            assertThat(client.exchange(sentence)).isEqualTo("ABCDEFGHIJ".repeat(100_000));
        }
    }

    @Test
    void aSilentClientDoesNotDelayAnother() throws Exception {
        // The default idle timeout (30 s) is far longer than the other client's 5 s timeout: an iterative server,
        // as the seed's, would leave the other client waiting for the silent one and it would fail with no reply.
        RecordingTerminal log = new RecordingTerminal();
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), log);
                Socket silent = new Socket(Loopback.HOST, server.port())) {
            assertThat(Loopback.eventually(() -> server.openConnections() == 1, WAIT))
                    .as("the silent client is accepted and being served").isTrue();

            long started = System.nanoTime();
            try (TcpUppercaseClient other = TcpUppercaseClient.connect(
                    ClientOptions.to(Loopback.HOST, server.port()).withTimeout(Duration.ofSeconds(5)))) {
                assertThat(other.exchange("not blocked")).isEqualTo("NOT BLOCKED");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            // The silent client is still connected: no end of stream, no reset, and it is still served.
            assertThat(Loopback.eventually(() -> server.openConnections() == 1, WAIT)).isTrue();
            silent.setSoTimeout(100);
            assertThatThrownBy(() -> silent.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            silent.setSoTimeout((int) WAIT.toMillis());
            silent.getOutputStream().write("late".getBytes(StandardCharsets.UTF_8));
            silent.shutdownOutput();
            assertThat(new String(silent.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("LATE");
        }
    }

    @Test
    void manyClientsAtOnceAreAllServed() throws Exception {
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            List<Socket> connected = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    connected.add(new Socket(Loopback.HOST, server.port()));
                }
                assertThat(Loopback.eventually(() -> server.openConnections() == 20, WAIT)).isTrue();
                // Answer them in the reverse order of their arrival: none waits for an earlier one.
                for (int i = connected.size() - 1; i >= 0; i--) {
                    Socket socket = connected.get(i);
                    socket.setSoTimeout((int) WAIT.toMillis());
                    socket.getOutputStream().write(("client " + i).getBytes(StandardCharsets.UTF_8));
                    socket.shutdownOutput();
                    assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("CLIENT " + i);
                }
            } finally {
                for (Socket socket : connected) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void anIdleClientIsClosedAfterTheIdleTimeoutWithALogLine() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), log, Duration.ofMillis(200));
                Socket silent = new Socket(Loopback.HOST, server.port())) {
            silent.setSoTimeout((int) WAIT.toMillis());
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
            String clientAddress = Loopback.HOST + ":" + silent.getLocalPort();
            assertThat(log.awaitErrLine(line -> line.startsWith(clientAddress), WAIT))
                    .contains(clientAddress + " sent nothing for 200ms; connection closed");
        }
    }

    @Test
    void bindingAPortThatIsInUseFailsWithPortInUse() throws Exception {
        try (TcpUppercaseServer first = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            assertThatThrownBy(() -> TcpUppercaseServer.start(
                    Endpoints.local(Loopback.HOST, first.port(), Transport.TCP), new RecordingTerminal()))
                    .isInstanceOfSatisfying(LabException.class, e -> {
                        assertThat(e.outcome()).isEqualTo(Outcome.PORT_IN_USE);
                        assertThat(e.getMessage()).startsWith("port " + first.port() + "/tcp is already in use; ");
                    });
        }
    }
}
