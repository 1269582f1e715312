package org.socketlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.socketlab.net.Output;
import org.socketlab.net.UdpUppercaseServer;

class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StdTerminal terminal = new StdTerminal(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    private int run(String... args) {
        return SocketLab.commandLine(terminal).execute(args);
    }

    @Test
    void printsTheFiguresAndExitsZeroWhenEveryReplyWasRight() throws Exception {
        Output quiet = new Output() {
            @Override
            public void println(String line) {
            }

            @Override
            public void printError(String line) {
            }
        };
        try (UdpUppercaseServer server = UdpUppercaseServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), quiet)) {
            int exit = run("bench", "udp", "--port", String.valueOf(server.port()), "--clients", "2",
                    "--duration", "200ms", "--warmup", "0s");

            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("bench udp 127.0.0.1:" + server.port() + ": 2 clients, 200ms measured after 0ms warm-up")
                    .containsPattern("requests/s: [0-9]+\\.[0-9] \\([0-9]+ requests in 200ms\\)")
                    .containsPattern("latency ms: p50 [0-9.]+, p99 [0-9.]+, max [0-9.]+")
                    .contains("errors: 0", "wrong replies: 0");
        }
    }

    @Test
    void anImpossibleSettingIsAUsageError() {
        assertThat(run("bench", "udp", "--idle", "3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("idle connections (3) need TCP: UDP has no connections");
    }

    @Test
    void anUnknownProtocolIsAUsageError() {
        assertThat(run("bench", "sctp")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected tcp or udp, not \"sctp\"");
    }
}
