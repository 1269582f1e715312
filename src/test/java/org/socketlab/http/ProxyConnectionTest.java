package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.socketlab.http.Upstream.ConnectFailure;

/** The proxy's answer when it cannot reach an origin, by what the JDK reported. */
class ProxyConnectionTest {
    @Test
    void aRefusedConnectionIs502ConnectionRefused() {
        assertAnswer(new ConnectException("Connection refused"), 502,
                "could not connect to lab.test: nothing is listening there (connection refused)");
    }

    @Test
    void ourTimeoutAndTheSystemsTimeoutAreBoth504() {
        assertAnswer(new SocketTimeoutException("Connect timed out"), 504,
                "could not connect to lab.test: no answer to the connection request");
        // The operating system gave up on the SYN: a ConnectException, yet not a refusal.
        assertAnswer(new ConnectException("Connection timed out"), 504,
                "could not connect to lab.test: no answer to the connection request");
    }

    @Test
    void anyOtherFailureIs502WithTheSystemsWords() {
        assertAnswer(new ConnectException("Network is unreachable"), 502,
                "could not connect to lab.test: Network is unreachable");
        assertAnswer(new NoRouteToHostException("No route to host"), 502,
                "could not connect to lab.test: No route to host");
    }

    private static void assertAnswer(IOException e, int status, String message) {
        ConnectFailure failure = ConnectFailure.of(e);
        assertThat(failure.status()).as("status for %s", e).isEqualTo(status);
        assertThat(failure.describe("lab.test", e)).isEqualTo(message);
    }
}
