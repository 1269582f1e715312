package org.socketlab.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socketlab.net.Output;
import org.socketlab.net.TcpUppercaseServer;
import org.socketlab.net.Transport;
import org.socketlab.net.UdpUppercaseServer;

class LoadGeneratorTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Output QUIET = new Output() {
        @Override
        public void println(String line) {
        }

        @Override
        public void printError(String line) {
        }
    };

    private static BenchConfig config(Transport transport, int port, Duration timeout) {
        return new BenchConfig(transport, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2,
                Duration.ofMillis(200), Duration.ofMillis(50), "grüße, world", timeout, 0);
    }

    @Test
    void countsRightRepliesFromTheTcpServer() throws Exception {
        try (TcpUppercaseServer server = TcpUppercaseServer.start(ANY_PORT, QUIET)) {
            // The server runs in this JVM: its process is the load generator's own, and both figures are read.
            BenchResult result = LoadGenerator.run(config(Transport.TCP, server.port(), Duration.ofSeconds(2)),
                    ProcessHandle.current());

            assertThat(result.requests()).isPositive();
            assertThat(result.requestsPerSecond()).isPositive();
            assertThat(result.p50()).isPositive().isLessThanOrEqualTo(result.p99());
            assertThat(result.p99()).isLessThanOrEqualTo(result.max());
            assertThat(result.first()).isPositive();
            assertThat(result.clientMicrosPerExchange()).isPositive();
            assertThat(result.serverMicrosPerExchange()).isPresent();
            assertThat(result.serverMicrosPerExchange().getAsDouble()).isPositive();
            assertThat(result.errors()).isZero();
            assertThat(result.wrongReplies()).isZero();
            assertThat(result.clean()).isTrue();
        }
    }

    @Test
    void countsRightRepliesFromTheUdpServer() throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(ANY_PORT, QUIET)) {
            BenchResult result = LoadGenerator.run(config(Transport.UDP, server.port(), Duration.ofSeconds(2)));

            assertThat(result.requests()).isPositive();
            assertThat(result.errors()).isZero();
            assertThat(result.wrongReplies()).isZero();
        }
    }

    /** As the seed's Python server: one read, reply, close, without waiting for the client's end of stream. */
    @Test
    void worksWithAServerThatRepliesToOneReadAndCloses() throws Exception {
        try (ServerSocket seedLike = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!seedLike.isClosed()) {
                    try (Socket connection = seedLike.accept()) {
                        byte[] buffer = new byte[1024];
                        int count = connection.getInputStream().read(buffer);
                        String sentence = new String(buffer, 0, Math.max(count, 0), UTF_8);
                        connection.getOutputStream().write(sentence.toUpperCase(java.util.Locale.ROOT)
                                .getBytes(UTF_8));
                    } catch (IOException closed) {
                        // the test is over
                    }
                }
            });
            server.setDaemon(true);
            server.start();

            BenchResult result = LoadGenerator.run(config(Transport.TCP, seedLike.getLocalPort(),
                    Duration.ofSeconds(2)));

            assertThat(result.requests()).isPositive();
            assertThat(result.errors()).isZero();
            assertThat(result.wrongReplies()).isZero();
        }
    }

    @Test
    void aWrongReplyIsCountedAndShown() throws Exception {
        try (ServerSocket lowercase = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!lowercase.isClosed()) {
                    try (Socket connection = lowercase.accept()) {
                        byte[] sentence = new byte[1024]; // echoes one read and closes, as the seed's server
                        int length = connection.getInputStream().read(sentence);
                        connection.getOutputStream().write(sentence, 0, Math.max(0, length));
                    } catch (IOException closed) {
                        // the test is over
                    }
                }
            });
            server.setDaemon(true);
            server.start();

            BenchResult result = LoadGenerator.run(config(Transport.TCP, lowercase.getLocalPort(),
                    Duration.ofSeconds(2)));

            assertThat(result.requests()).isZero();
            assertThat(result.wrongReplies()).isPositive();
            assertThat(result.firstWrong()).isEqualTo("grüße, world");
            assertThat(result.clean()).isFalse();
        }
    }

    @Test
    void noReplyWithinTheTimeoutIsAnError() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(ANY_PORT)) {
            BenchResult result = LoadGenerator.run(config(Transport.UDP, silent.getLocalPort(),
                    Duration.ofMillis(100)));

            assertThat(result.requests()).isZero();
            assertThat(result.errors()).isPositive();
            assertThat(result.errorKinds()).containsOnlyKeys("no reply within 100ms");
        }
    }

    @Test
    void aRefusedConnectionIsAnError() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        BenchResult result = LoadGenerator.run(config(Transport.TCP, closedPort, Duration.ofSeconds(1)));

        assertThat(result.requests()).isZero();
        assertThat(result.errorKinds()).containsOnlyKeys("connection refused");
    }

    @Test
    void idleConnectionsAreHeldOpenDuringTheRun() throws Exception {
        try (TcpUppercaseServer server = TcpUppercaseServer.start(ANY_PORT, QUIET)) {
            BenchConfig config = new BenchConfig(Transport.TCP,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 1,
                    Duration.ofMillis(200), Duration.ZERO, "hello", Duration.ofSeconds(2), 20);

            BenchResult result = LoadGenerator.run(config);

            assertThat(result.idleOpened()).isEqualTo(20);
            assertThat(result.idleStillOpen()).isEqualTo(20);
            assertThat(result.clean()).isTrue();
        }
    }
}
