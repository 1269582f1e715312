package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socketlab.lab.ScenarioRecorder;
import org.socketlab.lab.Transcript;
import org.socketlab.net.Output;

/** What the experiment does when the proxy has not finished with a load. */
class ConditionalGetExperimentTest {
    private final ScenarioRecorder recorder = new ScenarioRecorder();
    private final Transcript proxyLog = recorder.transcript("proxy");

    @Test
    void aLoadWhoseRequestIsStillInFlightFailsInsteadOfBeingJudgedOnPartialEvidence() throws Exception {
        ConditionalGetExperiment.Consoles consoles = new ConditionalGetExperiment.Consoles(proxyLog,
                recorder.transcript("origin"), recorder.transcript("browser"), recorder::http, recorder::now);
        // The experiment owns the client and closes it.
        try (ConditionalGetExperiment experiment = ConditionalGetExperiment.start("no-cache",
                new HalfRequestClient(proxyLog), consoles, Duration.ofMillis(200))) {
            assertThatThrownBy(experiment::load).isInstanceOf(IOException.class)
                    .hasMessageContaining("the proxy was still busy 200ms after load 1 ended");
        }
    }

    @Test
    void closeClosesTheProxyAndTheOriginEvenWhenTheClientsCloseFailsAndThrowsThatFailure() throws Exception {
        IllegalStateException clientFailure = new IllegalStateException("the profile directory is locked");
        ConditionalGetExperiment experiment = ConditionalGetExperiment.start("no-cache",
                new HalfRequestClient(proxyLog) {
                    @Override
                    public void close() {
                        throw clientFailure;
                    }
                }, ConditionalGetExperiment.Consoles.silent());
        int proxyPort = experiment.proxyPort();
        int originPort = experiment.originPort();

        assertThatThrownBy(experiment::close).isSameAs(clientFailure);

        for (int port : new int[] {proxyPort, originPort}) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .as("a connection to port %d after close", port).isInstanceOf(ConnectException.class);
        }
    }

    /**
     * A client that sends a request head promising a body it never sends, and returns once the proxy has read
     * the head: the proxy is then waiting for the body, with the request in flight.
     */
    private static class HalfRequestClient implements PageClient {
        private final Transcript proxyLog;
        private Socket socket;

        HalfRequestClient(Transcript proxyLog) {
            this.proxyLog = proxyLog;
        }

        @Override
        public String name() {
            return "half-request client";
        }

        @Override
        public LoadResult load(URI page, InetSocketAddress proxy, Output console) throws IOException {
            socket = new Socket();
            socket.connect(proxy, 5_000);
            // A host lab mode does not forward: the proxy reads the body to drop it, so no origin is involved.
            socket.getOutputStream().write(("POST http://elsewhere.test/ HTTP/1.1\r\nHost: elsewhere.test\r\n"
                    + "Content-Length: 100\r\n\r\nonly ten!!").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            assertThat(proxyLog.await(line -> line.text().contains("POST http://elsewhere.test/"),
                    Duration.ofSeconds(5))).as("the proxy read the request head").isPresent();
            return new LoadResult(true, "sent a request head and ten of its 100 body bytes", Duration.ZERO);
        }

        @Override
        public void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // Closing a socket the test is done with.
            }
        }
    }
}
