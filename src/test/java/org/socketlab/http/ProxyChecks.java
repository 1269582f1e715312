package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.socketlab.lab.Transcript;

/** Checks the proxy tests share: a log line came, and the proxy still serves a normal request. */
final class ProxyChecks {
    private ProxyChecks() {
    }

    static void assertLogged(Transcript log, String fragment) {
        assertThat(log.await(line -> line.text().contains(fragment), Duration.ofSeconds(5)))
                .as("a proxy log line containing \"%s\" in %s", fragment, log.lines()).isPresent();
    }

    /** The proxy still answers a normal request for lab.test, on a new connection, after whatever the test did. */
    static void assertStillServes(LoggingProxy proxy) throws IOException {
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.send("GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains(LabOrigin.PAGE_MARKER);
        }
    }
}
