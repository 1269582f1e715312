package org.socketlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Part 2's line server: every line a client sends, printed with the client's address. */
@Isolated("it counts the JVM's threads and file descriptors before and after: another class's would count")
class LineServerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void printsEachLineWithTheClientsAddressAndTheReadyLineWithTheRealPort() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (LineServer server = LineServer.start(Loopback.anyPort(), log);
                Socket client = new Socket(Loopback.HOST, server.port())) {
            // The ready line comes first; the connection's own line may follow at any moment.
            assertThat(log.outLines()).first().isEqualTo("Server listening on 127.0.0.1 : " + server.port());
            String prefix = LineServer.prefix(Loopback.HOST + ":" + client.getLocalPort());
            assertThat(prefix).isEqualTo("[127.0.0.1:" + client.getLocalPort() + "] ");

            OutputStream out = client.getOutputStream();
            out.write(("GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\nProxy-Connection: keep-alive\r\n\r\n"
                    + "straße ناجي\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            client.shutdownOutput();

            assertThat(log.awaitOutLine(line -> line.contains("closed the connection"), WAIT)).isPresent();
            assertThat(log.outLines()).containsSubsequence(
                    "Connection has been established with: 127.0.0.1:" + client.getLocalPort(),
                    prefix + "GET http://lab.test/ HTTP/1.1",
                    prefix + "Host: lab.test",
                    prefix + "Proxy-Connection: keep-alive",
                    prefix,
                    prefix + "straße ناجي",
                    "127.0.0.1:" + client.getLocalPort() + " closed the connection after 5 lines");
            assertThat(log.err()).isEmpty();
        }
    }

    @Test
    void printsALineAsItArrivesWhileTheClientStaysConnected() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (LineServer server = LineServer.start(Loopback.anyPort(), log);
                Socket client = new Socket(Loopback.HOST, server.port())) {
            String prefix = LineServer.prefix(Loopback.HOST + ":" + client.getLocalPort());
            client.getOutputStream().write("first\n".getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();

            assertThat(log.awaitOutLine(line -> line.startsWith(prefix), WAIT)).contains(prefix + "first");
        }
    }

    @Test
    void cutsALineOverTheLimitAndSaysSo() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (LineServer server = LineServer.start(Loopback.anyPort(), log);
                Socket client = new Socket(Loopback.HOST, server.port())) {
            String prefix = LineServer.prefix(Loopback.HOST + ":" + client.getLocalPort());
            String exactlyTheLimit = "y".repeat(Limits.LINE_BYTES);
            String overTheLimit = "x".repeat(Limits.LINE_BYTES + 100);
            client.getOutputStream().write((exactlyTheLimit + "\n" + overTheLimit + "\nnext\n")
                    .getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();

            assertThat(log.awaitOutLine(line -> line.contains("closed the connection"), WAIT)).isPresent();
            assertThat(log.outLines()).containsSubsequence(
                    prefix + exactlyTheLimit,
                    prefix + "x".repeat(Limits.LINE_BYTES) + " [line cut at " + Limits.LINE_BYTES + " bytes]",
                    prefix + "next");
        }
    }

    @Test
    void aLineCutInsideAMultiByteCharacterIsNotCalledInvalidUtf8() throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        try (LineServer server = LineServer.start(Loopback.anyPort(), log);
                Socket client = new Socket(Loopback.HOST, server.port())) {
            String prefix = LineServer.prefix(Loopback.HOST + ":" + client.getLocalPort());
            // The limit falls after the first byte of the €: the client sent valid UTF-8, only the cut split it.
            String line = "a".repeat(Limits.LINE_BYTES - 1) + "€" + "b".repeat(10);
            client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();

            assertThat(log.awaitOutLine(printed -> printed.contains("closed the connection"), WAIT)).isPresent();
            assertThat(log.outLines()).contains(
                    prefix + "a".repeat(Limits.LINE_BYTES - 1) + " [line cut at " + Limits.LINE_BYTES + " bytes]");
        }
    }

    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Loopback.liveThreads();
        LineServer server = LineServer.start(Loopback.anyPort(), new RecordingTerminal());
        try (Socket client = new Socket(Loopback.HOST, server.port())) {
            client.getOutputStream().write("still connected\n".getBytes(StandardCharsets.UTF_8));
            server.close();
            List<String> left = Loopback.threadsLeftSince(before, WAIT);
            assertThat(left).as("threads still alive after close()").isEmpty();
        }
    }
}
