package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.socketlab.lab.ScenarioRecorder;
import org.socketlab.lab.Transcript;

/**
 * The bad-input battery of issue 6, for the proxy: what BadInputTest sends the uppercase and line servers
 * (garbage, invalid UTF-8, a megabyte, silence, one byte at a time, a client that leaves mid-reply, many at
 * once). Each offender gets a clear answer or a clean close, the proxy logs it, the next client is served, and
 * closing the proxy leaves no thread behind. The proxy-only cases (bad request line, no Host, header block
 * over the limit, CONNECT to a host not allowed, an origin that ends early) are in LoggingProxyTest.
 */
@Isolated("it counts the JVM's threads and file descriptors before and after: another class's would count")
class ProxyBadInputTest {
    private static final Duration IDLE = Duration.ofMillis(300);
    private final Transcript log = new ScenarioRecorder().transcript("proxy");
    private LabOrigin origin;
    private LoggingProxy proxy;

    @BeforeEach
    void start() throws IOException {
        origin = LabOrigin.start("no-cache", new ScenarioRecorder().transcript("origin"));
        proxy = LoggingProxy.builder(Routes.lab(Map.of("lab.test", origin.address()))).log(log)
                .idleTimeout(IDLE).start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        origin.close();
    }



    @Test
    void randomBytesGetA400AndAClose() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[garbage.length - 1] = '\n';
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.send(garbage).send("\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("socket-lab proxy");
            assertThat(client.closedByPeer()).isTrue();
        }
        ProxyChecks.assertLogged(log, "not forwarded: HTTP/1.1 400");
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void invalidUtf8InAHeaderIsShownAsSuchAndTheRequestStillServed() throws IOException {
        byte[] request = ("GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\nX-Name: caf\u00e9 \r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1); // é in Latin-1: one byte that is not UTF-8
        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.send(request).read().status()).isEqualTo(200);
        }
        ProxyChecks.assertLogged(log, "not UTF-8");
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void aMegabyteRequestLineIsRefusedWith431() throws IOException {
        try (RawClient client = new RawClient(proxy.port())) {
            String target = "http://lab.test/" + "a".repeat(1024 * 1024);
            RawClient.Response response = client.send("GET " + target + " HTTP/1.1\r\n").read();

            assertThat(response.status()).isEqualTo(431);
        }
        ProxyChecks.assertLogged(log, "431");
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTimeoutWhileOthersAreServed() throws IOException {
        try (RawClient silent = new RawClient(proxy.port())) {
            ProxyChecks.assertStillServes(proxy);
            assertThat(silent.closedByPeer()).as("closed after %s of silence", IDLE).isTrue();
        }
        ProxyChecks.assertLogged(log, "sent nothing for");
    }

    @Test
    void aClientSendingOneByteAtATimeDelaysNoOne() throws IOException {
        byte[] request = "GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (RawClient slow = new RawClient(proxy.port())) {
            for (int i = 0; i < request.length; i++) {
                slow.send(new byte[] {request[i]});
                if (i % 10 == 0) {
                    ProxyChecks.assertStillServes(proxy); // another client's whole exchange fits between two of its bytes
                }
            }
            assertThat(slow.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatLeavesMidReplyCostsOneLogLine() throws IOException {
        byte[] big = ("HTTP/1.1 200 OK\r\nContent-Length: 4000000\r\n\r\n" + "x".repeat(4_000_000))
                .getBytes(StandardCharsets.US_ASCII);
        // The origin reads the whole forwarded request before answering: unread bytes would make its close a
        // reset, and the proxy would see the origin fail instead of the client.
        int forwarded = "GET / HTTP/1.1\r\nHost: big.test\r\n\r\n".length();
        try (RawOrigin raw = RawOrigin.start(forwarded, big)) {
            proxy.close();
            proxy = LoggingProxy.builder(Routes.lab(Map.of("lab.test", origin.address(), "big.test", raw.address())))
                    .log(log).idleTimeout(IDLE).start();
            try (Socket leaving = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                leaving.getOutputStream().write("GET http://big.test/ HTTP/1.1\r\nHost: big.test\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                leaving.getInputStream().readNBytes(1000);
                leaving.setSoLinger(true, 0); // a reset, as a closed browser tab
            }
            ProxyChecks.assertLogged(log, "closed the connection before the response was complete");
            ProxyChecks.assertStillServes(proxy);
        }
    }

    @Test
    void fiveHundredClientsAtOnceAreAllAnswered() throws IOException {
        // Each client costs a descriptor here, one in the proxy and one towards the origin.
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long spare = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
            assumeTrue(spare > 3 * 500 + 100, "needs " + (3 * 500 + 100) + " spare file descriptors, "
                    + spare + " are left (ulimit -n)");
        }
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                Socket client = new Socket();
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 5_000);
                client.setSoTimeout(10_000);
                client.getOutputStream().write("GET http://lab.test/style.css HTTP/1.1\r\nHost: lab.test\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                clients.add(client);
            }
            for (Socket client : clients) {
                InputStream in = client.getInputStream();
                String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(statusLine).isEqualTo("HTTP/1.1 200");
            }
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void closingTheProxyLeavesNoThreadBehind() throws IOException {
        String prefix = "proxy-" + proxy.port() + "-";
        try (RawClient idle = new RawClient(proxy.port())) {
            ProxyChecks.assertStillServes(proxy);
            proxy.close();
        }
        Set<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
        assertThat(left).as("threads of the closed proxy").isEmpty();
    }
}
