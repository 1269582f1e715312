package org.socketlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerLogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ServerLog log = ServerLog.on(new StdTerminal(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));

    @AfterEach
    void close() {
        log.close();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8); // ByteArrayOutputStream is synchronized: safe to read
    }

    @Test
    void aLineAfterAQuietSpellIsWrittenAtOnce() {
        log.println("The server is ready to receive");

        assertThat(out()).isEqualTo("The server is ready to receive" + System.lineSeparator());
    }

    @Test
    void aBurstIsWrittenTogetherSoonAfter() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            log.println("line " + i);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!out().contains("line 999") && System.nanoTime() < deadline) {
            Thread.sleep(10); // bounded poll: the flusher writes within ServerLog.FLUSH_INTERVAL
        }

        assertThat(out().lines()).hasSize(1000).startsWith("line 0").endsWith("line 999");
    }

    @Test
    void aLineInABurstIsMadeByTheLogsOwnThreadNotTheCaller() throws InterruptedException {
        long started = System.nanoTime();
        log.println("The server is ready to receive"); // written at once: the next line is in a burst
        log.println(() -> "made on " + Thread.currentThread().getName());
        assumeTrue(System.nanoTime() - started < 40_000_000L, "the two lines were not logged within 40 ms");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!out().contains("made on") && System.nanoTime() < deadline) {
            Thread.sleep(10); // bounded poll: the flusher writes within ServerLog.FLUSH_INTERVAL
        }

        assertThat(out().lines()).containsExactly("The server is ready to receive", "made on server-log-flusher");
    }

    @Test
    void overAThousandLinesASecondTheRestAreNotMadeAndTheLogSaysHowMany() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        long started = System.nanoTime();
        for (int i = 0; i < 3000; i++) {
            int number = i;
            log.println(() -> "request " + number + " (" + made.incrementAndGet() + ")");
        }
        assumeTrue(System.nanoTime() - started < 900_000_000L, "the 3,000 lines took most of a second to log");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!out().contains("not shown") && System.nanoTime() < deadline) {
            Thread.sleep(10); // bounded poll: the flusher says it once the second is over
        }

        assertThat(made).hasValue(ServerLog.LINES_PER_SECOND);
        assertThat(out().lines()).hasSize(ServerLog.LINES_PER_SECOND + 1).startsWith("request 0 (1)")
                .endsWith("… 2,000 more lines like these not shown (over 1,000 a second)");
    }

    @Test
    void linesLeftOutAfterAPauseAreStillCountedOnceTheirSecondIsOver() throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < ServerLog.LINES_PER_SECOND; i++) {
            int number = i;
            log.println(() -> "request " + number);
        }
        awaitOut("request 999"); // the flusher wrote them and waits for more
        for (int i = 0; i < 5; i++) {
            log.println(() -> "left out");
        }
        assumeTrue(System.nanoTime() - started < 900_000_000L, "the lines took most of their second to log");
        awaitOut("not shown");

        assertThat(out().lines()).hasSize(ServerLog.LINES_PER_SECOND + 1)
                .endsWith("… 5 more lines like these not shown (over 1,000 a second)");
    }

    @Test
    void aLineThatCannotBeMadeIsSaidSoAndTheLogGoesOn() throws InterruptedException {
        log.println("The server is ready to receive");
        log.println(() -> {
            throw new IllegalStateException("no such client");
        });
        log.println("From 127.0.0.1:40000: \"a\" -> \"A\"");
        awaitOut("From 127.0.0.1");

        assertThat(out().lines()).containsExactly("The server is ready to receive",
                "(a log line could not be made: java.lang.IllegalStateException: no such client)",
                "From 127.0.0.1:40000: \"a\" -> \"A\"");
    }

    /** Waits (bounded) until the output holds the text: the flusher writes within ServerLog.FLUSH_INTERVAL. */
    private void awaitOut(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!out().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void anErrorLineComesAfterTheLinesLoggedBeforeIt() {
        log.println("first");
        log.println("second"); // within the flush interval: waits in the buffer
        log.printError("failed");

        assertThat(out().lines()).containsExactly("first", "second");
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("failed");
    }

    @Test
    void closeWritesWhatIsLeftAndLaterLinesGoOutAtOnce() {
        log.println("first");
        log.println("second");
        log.close();
        assertThat(out().lines()).containsExactly("first", "second");

        log.println("after close");
        assertThat(out().lines()).containsExactly("first", "second", "after close");
    }
}
