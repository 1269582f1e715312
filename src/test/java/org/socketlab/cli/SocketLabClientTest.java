package org.socketlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.socketlab.net.Loopback;
import org.socketlab.net.Outcome;
import org.socketlab.net.RecordingTerminal;
import org.socketlab.net.TcpUppercaseServer;
import org.socketlab.net.Transport;
import org.socketlab.net.UdpUppercaseServer;

/** The clients and servers through the command line: what a user sees, and every failure's exit code. */
class SocketLabClientTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** What a hand-made server does with the one connection it accepts. */
    private interface OneConnection {
        void serve(Socket connection) throws Exception;
    }

    /** Accepts one connection on another thread and closes it after serving; get() rethrows what went wrong. */
    private static CompletableFuture<Void> acceptOnce(ServerSocket listener, OneConnection server) {
        return CompletableFuture.runAsync(() -> {
            try (Socket connection = listener.accept()) {
                server.serve(connection);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static ServerSocket loopbackListener() throws java.io.IOException {
        return new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    @Test
    void udpClientReadsTheSentenceFromStandardInputAndPrintsTheReply() throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            Cli.Run run = Cli.runWithInput("asmaa gamal nagy\n", "udp-client", "--port", "" + server.port());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("Input lowercase sentence:ASMAA GAMAL NAGY\n");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void tcpClientWithMessageShowsItAfterThePromptAsIfTyped() throws Exception {
        try (TcpUppercaseServer server = TcpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            Cli.Run run = Cli.run("tcp-client", "--port", "" + server.port(), "--message", "asmaa gamal nagy");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("Input lowercase sentence:asmaa gamal nagy\nFrom Server: ASMAA GAMAL NAGY\n");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void connectionRefusedComesBeforeThePromptWithExitCode3() {
        int port = Loopback.freePort(Transport.TCP);
        Cli.Run run = Cli.runWithInput("never read\n", "tcp-client", "--port", "" + port);

        assertThat(run.exitCode()).isEqualTo(Outcome.CONNECTION_REFUSED.exitCode()).isEqualTo(3);
        assertThat(run.out()).as("the seed's client fails at connect(), before input()").isEmpty();
        assertThat(run.err()).startsWith("error: nothing is listening on 127.0.0.1:" + port + "/tcp; ")
                .contains("reset (RST)").doesNotContain("Exception", "\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void noUdpReplyWithinTheTimeoutIsExitCode4() {
        int port = Loopback.freePort(Transport.UDP);
        Cli.Run run = Cli.run("udp-client", "--port", "" + port, "--timeout", "200ms", "--message", "hello");

        assertThat(run.exitCode()).isEqualTo(Outcome.NO_REPLY.exitCode()).isEqualTo(4);
        assertThat(run.out()).isEqualTo("Input lowercase sentence:hello\n");
        assertThat(run.err()).startsWith("error: no reply from 127.0.0.1:" + port + "/udp within 200ms; ")
                .doesNotContain("Exception");
    }

    @Test
    void noTcpReplyWithinTheTimeoutIsExitCode4() throws Exception {
        CountDownLatch clientDone = new CountDownLatch(1);
        try (ServerSocket mute = loopbackListener()) {
            CompletableFuture<Void> holder = acceptOnce(mute, connection -> {
                connection.getInputStream().readAllBytes(); // the sentence, to the client's half-close; no answer
                clientDone.await(5, TimeUnit.SECONDS); // keeps the connection open until the client gave up
            });
            Cli.Run run = Cli.run("tcp-client", "--port", "" + mute.getLocalPort(), "--timeout", "200ms",
                    "--message", "hello");
            clientDone.countDown();

            assertThat(run.exitCode()).isEqualTo(Outcome.NO_REPLY.exitCode());
            assertThat(run.err()).startsWith("error: no reply from 127.0.0.1:" + mute.getLocalPort()
                    + "/tcp within 200ms; ");
            holder.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void portUnreachableOnAConnectedUdpSocketIsExitCode5() {
        int port = Loopback.freePort(Transport.UDP);
        Cli.Run run = Cli.run("udp-client", "--port", "" + port, "--connected", "--timeout", "2s",
                "--message", "hello");

        assertThat(run.exitCode()).isEqualTo(Outcome.PORT_UNREACHABLE.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("error: nothing is listening on 127.0.0.1:" + port + "/udp; ")
                .contains("ICMP port unreachable");
    }

    @Test
    void aConnectionResetByTheServerIsExitCode6() throws Exception {
        try (ServerSocket rude = loopbackListener()) {
            CompletableFuture<Void> resetter = acceptOnce(rude, connection -> {
                connection.getInputStream().readAllBytes(); // the whole sentence, to the client's half-close
                connection.setSoLinger(true, 0); // close() now sends RST instead of FIN
            });
            Cli.Run run = Cli.run("tcp-client", "--port", "" + rude.getLocalPort(), "--message", "hello");

            resetter.get(5, TimeUnit.SECONDS);
            assertThat(run.exitCode()).isEqualTo(Outcome.CONNECTION_RESET.exitCode()).isEqualTo(6);
            assertThat(run.err()).startsWith("error: the connection to 127.0.0.1:" + rude.getLocalPort()
                    + "/tcp was reset; ");
        }
    }

    @Test
    void aReplyLongerThanTheBufferIsExitCode8() throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            Cli.Run run = Cli.run("udp-client", "--port", "" + server.port(), "--buffer", "16",
                    "--message", "seventeen bytes!!");

            assertThat(run.exitCode()).isEqualTo(Outcome.TRUNCATED.exitCode()).isEqualTo(8);
            assertThat(run.err()).startsWith("error: the reply from 127.0.0.1:" + server.port()
                    + "/udp was cut to 16 bytes; ");
        }
    }

    @Test
    void aUdpPortInUseIsExitCode9() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(Loopback.anyPort())) {
            int port = taken.getLocalPort();
            Cli.Run run = assertTimeoutPreemptively(LIMIT, () -> Cli.run("udp-server", "--port", "" + port));

            assertThat(run.exitCode()).isEqualTo(Outcome.PORT_IN_USE.exitCode()).isEqualTo(9);
            assertThat(run.out()).as("no ready line").isEmpty();
            assertThat(run.err()).startsWith("error: port " + port + "/udp is already in use; ");
        }
    }

    @Test
    void aTcpPortInUseIsExitCode9ForTheUppercaseAndTheLineServer() throws Exception {
        try (ServerSocket taken = loopbackListener()) {
            int port = taken.getLocalPort();
            for (String subcommand : new String[] {"tcp-server", "line-server"}) {
                Cli.Run run = assertTimeoutPreemptively(LIMIT, () -> Cli.run(subcommand, "--port", "" + port));

                assertThat(run.exitCode()).as(subcommand).isEqualTo(Outcome.PORT_IN_USE.exitCode());
                assertThat(run.out()).as(subcommand).isEmpty();
                assertThat(run.err()).as(subcommand).startsWith("error: port " + port + "/tcp is already in use; ");
            }
        }
    }

    @Test
    void aPortOutOfRangeIsExitCode10ForClientsAndServers() {
        Cli.Run udpClient = Cli.run("udp-client", "--port", "70000", "--message", "hello");
        assertThat(udpClient.exitCode()).isEqualTo(Outcome.PORT_OUT_OF_RANGE.exitCode()).isEqualTo(10);
        assertThat(udpClient.out()).as("rejected before the prompt").isEmpty();
        assertThat(udpClient.err()).startsWith("error: port 70000 is out of range; ");

        Cli.Run tcpClient = Cli.run("tcp-client", "--port", "0", "--message", "hello");
        assertThat(tcpClient.exitCode()).as("nothing can listen on port 0").isEqualTo(10);
        assertThat(tcpClient.err()).startsWith("error: port 0 cannot be sent to; ").contains("from 1 to 65535");

        Cli.Run server = assertTimeoutPreemptively(LIMIT, () -> Cli.run("tcp-server", "--port", "65536"));
        assertThat(server.exitCode()).isEqualTo(10);
        assertThat(server.err()).startsWith("error: port 65536 is out of range; ");
    }

    @Test
    void anUnknownHostIsExitCode11() {
        // .invalid is reserved (RFC 2606): it never resolves, whatever the DNS.
        Cli.Run client = Cli.run("tcp-client", "--host", "no-such-host.invalid", "--message", "hello");
        assertThat(client.exitCode()).isEqualTo(Outcome.UNKNOWN_HOST.exitCode()).isEqualTo(11);
        assertThat(client.out()).isEmpty();
        assertThat(client.err()).startsWith("error: unknown host no-such-host.invalid; ");

        Cli.Run udp = Cli.run("udp-client", "--host", "no-such-host.invalid", "--message", "hello");
        assertThat(udp.exitCode()).isEqualTo(11);

        Cli.Run server = assertTimeoutPreemptively(LIMIT,
                () -> Cli.run("udp-server", "--bind", "no-such-host.invalid", "--port", "0"));
        assertThat(server.exitCode()).isEqualTo(11);
        assertThat(server.err()).startsWith("error: unknown host no-such-host.invalid; ");
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        Cli.Run run = Cli.run("udp-client", "--timeout", "soon", "--message", "hello");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("soon");
    }

    @Test
    void durationsOutsideZeroToADayAreUsageErrorsAndASliverIsAMillisecond() {
        for (String timeout : new String[] {"-1s", "99999999999m", "2d"}) {
            Cli.Run run = Cli.run("udp-client", "--timeout", timeout, "--message", "hello");
            assertThat(run.exitCode()).as(timeout).isEqualTo(2);
            assertThat(run.err()).as(timeout).contains(timeout).doesNotContain("\tat ");
        }
        int port = Loopback.freePort(Transport.UDP);
        Cli.Run sliver = assertTimeoutPreemptively(LIMIT,
                () -> Cli.run("udp-client", "--port", "" + port, "--timeout", "0.0004", "--message", "hello"));
        assertThat(sliver.exitCode()).as("waited 1 ms, not forever").isEqualTo(Outcome.NO_REPLY.exitCode());
        assertThat(sliver.err()).contains("within 1ms");
    }

    @Test
    void aReceiveBufferLargerThanAnyDatagramIsAUsageError() {
        Cli.Run run = Cli.run("udp-client", "--buffer", "2147483647", "--message", "hello");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("from 1 to 65527 bytes").doesNotContain("\tat ");
    }

    @Test
    void anEmptySentenceOnAConnectedUdpSocketSaysJavaCannotSendItInsteadOfWaiting() throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            Cli.Run connected = assertTimeoutPreemptively(Duration.ofMillis(1_500), () -> Cli.runWithInput("\n",
                    "udp-client", "--port", "" + server.port(), "--connected", "--timeout", "5s"));
            assertThat(connected.exitCode()).isEqualTo(Outcome.IO_ERROR.exitCode());
            assertThat(connected.err()).startsWith("error: nothing sent to 127.0.0.1:" + server.port() + "/udp; ")
                    .contains("leave out --connected");

            Cli.Run unconnected = Cli.runWithInput("\n", "udp-client", "--port", "" + server.port());
            assertThat(unconnected.exitCode()).as("the seed's way sends the empty datagram").isZero();
            assertThat(unconnected.out()).isEqualTo("Input lowercase sentence:\n");
        }
    }

    @Test
    void aSentenceTooLongForOneDatagramSaysSo() throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            Cli.Run run = Cli.run("udp-client", "--port", "" + server.port(), "--message", "a".repeat(70_000));

            assertThat(run.exitCode()).isEqualTo(Outcome.IO_ERROR.exitCode());
            assertThat(run.err()).startsWith("error: the sentence is 70000 bytes, too long for one datagram to ")
                    .contains("at most 65,507 bytes over IPv4");
        }
    }

    @Test
    void aTcpServerThatClosesWithoutAnsweringIsNoReplyNotAnEmptyAnswer() throws Exception {
        try (ServerSocket closer = loopbackListener()) {
            CompletableFuture<Void> server = acceptOnce(closer,
                    connection -> connection.getInputStream().readAllBytes()); // the sentence, then close: no answer
            Cli.Run run = Cli.run("tcp-client", "--port", "" + closer.getLocalPort(), "--message", "hello");

            server.get(5, TimeUnit.SECONDS);
            assertThat(run.exitCode()).isEqualTo(Outcome.NO_REPLY.exitCode());
            assertThat(run.out()).doesNotContain("From Server");
            assertThat(run.err()).startsWith("error: no reply from 127.0.0.1:" + closer.getLocalPort() + "/tcp; ")
                    .contains("closed the connection without sending anything back");
        }
    }

    @Test
    void aTcpServerThatAnswersButNeverClosesIsShownWithWhatItSent() throws Exception {
        CountDownLatch clientDone = new CountDownLatch(1);
        try (ServerSocket forgetful = loopbackListener()) {
            CompletableFuture<Void> server = acceptOnce(forgetful, connection -> {
                byte[] sentence = connection.getInputStream().readAllBytes();
                connection.getOutputStream().write(new String(sentence, java.nio.charset.StandardCharsets.UTF_8)
                        .toUpperCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                clientDone.await(5, TimeUnit.SECONDS); // a student's server that forgot close()
            });
            Cli.Run run = Cli.run("tcp-client", "--port", "" + forgetful.getLocalPort(), "--timeout", "300ms",
                    "--message", "hello");
            clientDone.countDown();

            server.get(5, TimeUnit.SECONDS);
            assertThat(run.exitCode()).isEqualTo(Outcome.NO_REPLY.exitCode());
            assertThat(run.err()).startsWith("error: the reply from 127.0.0.1:" + forgetful.getLocalPort()
                    + "/tcp did not end within 300ms: it sent \"HELLO\" (5 bytes); ")
                    .contains("must close its connection socket");
        }
    }

    @Test
    void aProxyMapKeyWithAPortIsAUsageError() {
        Cli.Run run = assertTimeoutPreemptively(LIMIT,
                () -> Cli.run("proxy", "--port", "0", "--map", "lab.test:8080=127.0.0.1:8080"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--map lab.test:8080=127.0.0.1:8080: the key is a host name alone");
    }
}
