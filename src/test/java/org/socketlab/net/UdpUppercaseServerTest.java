package org.socketlab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The UDP uppercase server and client, on real loopback sockets. */
@Isolated("it counts the JVM's threads and file descriptors before and after: another class's would count")
class UdpUppercaseServerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void answersTheSeedsSentenceInUpperCaseOnTheRealPortOfPortZero() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), log)) {
            assertThat(server.port()).isBetween(1, 65_535);
            assertThat(log.outLines()).containsExactly(UdpUppercaseServer.READY);

            try (UdpUppercaseClient client = UdpUppercaseClient.open(ClientOptions.to(Loopback.HOST, server.port()))) {
                assertThat(client.exchange("asmaa gamal nagy")).isEqualTo("ASMAA GAMAL NAGY");
                String clientAddress = Loopback.HOST + ":" + client.localPort();
                assertThat(log.awaitOutLine(line -> line.startsWith("From " + clientAddress), WAIT))
                        .contains("From " + clientAddress + ": \"asmaa gamal nagy\" -> \"ASMAA GAMAL NAGY\"");
            }
        }
    }

    @Test
    void aReplyFromAnotherAddressOfTheServersHostStillCounts() throws Exception {
        // Bound to every address, the server answers a datagram sent to 127.0.0.2 from 127.0.0.1 (the address the
        // route back to the client gives), as one sent to Debian's own host name (127.0.1.1) is answered.
        try (UdpUppercaseServer server = UdpUppercaseServer.start(new java.net.InetSocketAddress("0.0.0.0", 0),
                new RecordingTerminal());
                UdpUppercaseClient client = UdpUppercaseClient.open(ClientOptions.to("127.0.0.2", server.port()))) {
            assertThat(client.exchange("asmaa")).isEqualTo("ASMAA");
        }
    }

    @Test
    void theClientProgramPromptsAndPrintsTheReplyLikeTheSeed() throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            RecordingTerminal console = new RecordingTerminal("asmaa gamal nagy");
            ClientRun run = ClientProgram.run(Transport.UDP, ClientOptions.to(Loopback.HOST, server.port()), console);

            assertThat(run.outcome()).isEqualTo(Outcome.REPLY);
            assertThat(run.exitCode()).isZero();
            assertThat(console.out()).isEqualTo("Input lowercase sentence:ASMAA GAMAL NAGY\n");
            assertThat(console.err()).isEmpty();
        }
    }

    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Loopback.liveThreads();
        UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal());
        try (UdpUppercaseClient client = UdpUppercaseClient.open(ClientOptions.to(Loopback.HOST, server.port()))) {
            assertThat(client.exchange("one")).isEqualTo("ONE");
        }
        assertThat(Loopback.liveThreads()).extracting(Thread::getName)
                .as("the server's receiving thread runs until close()")
                .contains("udp-uppercase-" + server.port());

        server.close();

        List<String> left = Loopback.threadsLeftSince(before, WAIT);
        assertThat(left).as("threads still alive after close()").isEmpty();
        assertThat(Loopback.liveThreads()).hasSizeLessThanOrEqualTo(before.size());
    }

    @Test
    void aReplyLongerThanTheClientsBufferIsReportedAsTruncated() throws Exception {
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            ClientOptions sixteenBytes = ClientOptions.to(Loopback.HOST, server.port()).withBufferBytes(16);

            try (UdpUppercaseClient client = UdpUppercaseClient.open(sixteenBytes)) {
                assertThat(client.exchange("exactly 16 bytes")).isEqualTo("EXACTLY 16 BYTES");
            }
            try (UdpUppercaseClient client = UdpUppercaseClient.open(sixteenBytes)) {
                assertThatThrownBy(() -> client.exchange("seventeen bytes!!"))
                        .isInstanceOfSatisfying(LabException.class, e -> {
                            assertThat(e.outcome()).as(e.getMessage()).isEqualTo(Outcome.TRUNCATED);
                            assertThat(e.getMessage()).startsWith("the reply from 127.0.0.1:" + server.port()
                                    + "/udp was cut to 16 bytes; ");
                        });
            }
            // Upper-casing can lengthen the text: 8 × ß is 16 bytes, its reply (16 × S) too, but 9 × ß is not.
            try (UdpUppercaseClient client = UdpUppercaseClient.open(sixteenBytes.withBufferBytes(17))) {
                assertThatThrownBy(() -> client.exchange("ßßßßßßßßß"))
                        .isInstanceOfSatisfying(LabException.class,
                                e -> assertThat(e.outcome()).isEqualTo(Outcome.TRUNCATED));
            }
        }
    }

    @Test
    void aReplyTooLongForAnyDatagramIsNotSentAndTheServerSaysWhy() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (UdpUppercaseServer server = UdpUppercaseServer.start(Loopback.anyPort(), log)) {
            // 30,000 × U+0149 is 60,000 bytes; upper-cased it is "ʼN" each, 90,000 bytes: more than a datagram holds.
            String sentence = "\u0149".repeat(30_000);
            ClientOptions options = ClientOptions.to(Loopback.HOST, server.port()).withTimeout(Duration.ofMillis(300));
            try (UdpUppercaseClient client = UdpUppercaseClient.open(options)) {
                assertThatThrownBy(() -> client.exchange(sentence))
                        .isInstanceOfSatisfying(LabException.class,
                                e -> assertThat(e.outcome()).isEqualTo(Outcome.NO_REPLY));
            }
            assertThat(log.awaitErrLine(line -> line.contains("90000 bytes, more than an IPv4 datagram holds (65507)"), WAIT))
                    .as("server out: %s%nserver err: %s", log.out(), log.err())
                    .isPresent();
        }
    }

    @Test
    void bindingAPortThatIsInUseFailsWithPortInUse() throws Exception {
        try (UdpUppercaseServer first = UdpUppercaseServer.start(Loopback.anyPort(), new RecordingTerminal())) {
            RecordingTerminal log = new RecordingTerminal();
            assertThatThrownBy(() -> UdpUppercaseServer.start(
                    Endpoints.local(Loopback.HOST, first.port(), Transport.UDP), log))
                    .isInstanceOfSatisfying(LabException.class, e -> {
                        assertThat(e.outcome()).isEqualTo(Outcome.PORT_IN_USE);
                        assertThat(e.getMessage()).startsWith("port " + first.port() + "/udp is already in use; ");
                    });
            assertThat(log.out()).as("no ready line for a server that did not start").isEmpty();
        }
    }
}
