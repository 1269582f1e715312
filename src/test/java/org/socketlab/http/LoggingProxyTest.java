package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.HttpExchange;
import org.socketlab.lab.ScenarioRecorder;
import org.socketlab.lab.Transcript;
import org.socketlab.net.Limits;

class LoggingProxyTest {
    private final Transcript log = new ScenarioRecorder().transcript("proxy");
    private final BlockingQueue<HttpExchange> exchanges = new LinkedBlockingQueue<>();
    private LabOrigin origin;
    private LoggingProxy proxy;

    @BeforeEach
    void startOrigin() throws IOException {
        origin = LabOrigin.start("no-cache", new ScenarioRecorder().transcript("origin"));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        origin.close();
    }

    /** A lab-mode proxy forwarding lab.test to the LabOrigin, plus any extra hosts. */
    private LoggingProxy startProxy(Map<String, InetSocketAddress> extra) throws IOException {
        Map<String, InetSocketAddress> hosts = new LinkedHashMap<>(extra);
        hosts.put("lab.test", origin.address());
        proxy = LoggingProxy.builder(Routes.lab(hosts)).log(log).onExchange(exchanges::add).start();
        return proxy;
    }

    private HttpExchange nextExchange() throws InterruptedException {
        HttpExchange exchange = exchanges.poll(5, TimeUnit.SECONDS);
        assertThat(exchange).as("an exchange delivered within 5 s").isNotNull();
        return exchange;
    }



    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void relaysARequestWithABodyAndAChunkedResponseByteForByte() throws Exception {
        byte[] requestBody = randomBytes(3000, 1);
        String headers = "Host: raw.test\r\nContent-Type: application/octet-stream\r\nX-Odd:  spaces kept \r\n"
                + "Content-Length: 3000\r\n\r\n";
        byte[] sent = concat(ascii("POST http://raw.test/upload?x=1 HTTP/1.1\r\n" + headers), requestBody);
        // The only change the origin may see: the request line in origin-form (RFC 9112 3.2.1).
        byte[] expectedAtOrigin = concat(ascii("POST /upload?x=1 HTTP/1.1\r\n" + headers), requestBody);
        byte[] response = concat(ascii("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nETag: \"r1\"\r\n\r\n"
                + "400;note=first\r\n"), randomBytes(1024, 2), ascii("\r\n7\r\n"), randomBytes(7, 3),
                ascii("\r\n0\r\nX-Trailer: yes\r\n\r\n"));
        try (RawOrigin raw = RawOrigin.start(expectedAtOrigin.length, response)) {
            startProxy(Map.of("raw.test", raw.address()));
            try (RawClient client = new RawClient(proxy.port())) {
                client.send(sent);
                assertThat(client.readExactly(response.length)).isEqualTo(response);
            }
            assertThat(raw.takeRequest()).isEqualTo(expectedAtOrigin);
        }
        HttpExchange exchange = nextExchange();
        assertThat(exchange.forwarded()).isTrue();
        assertThat(exchange.status()).isEqualTo(201);
        assertThat(exchange.responseHeaders()).extracting("name").containsExactly("ETag");
    }

    @Test
    void relaysAChunkedRequestAndABinaryResponseByteForByteUnchanged() throws Exception {
        // Origin-form with a Host header: nothing needs rewriting, so not one byte may change, either way.
        byte[] sent = concat(ascii("PUT /data HTTP/1.1\r\nHost: raw.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n"), randomBytes(10, 4), ascii("\r\n0\r\n\r\n"));
        byte[] response = concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 5000\r\n\r\n"), randomBytes(5000, 5));
        try (RawOrigin raw = RawOrigin.start(sent.length, response)) {
            startProxy(Map.of("raw.test", raw.address()));
            try (RawClient client = new RawClient(proxy.port())) {
                client.send(sent);
                assertThat(client.readExactly(response.length)).isEqualTo(response);
            }
            assertThat(raw.takeRequest()).isEqualTo(sent);
        }
    }

    @Test
    void sendsTheOriginAnOriginFormRequestWithoutTheHeadersMeantForTheProxy() throws Exception {
        byte[] expected = ascii("GET /a?b=1 HTTP/1.1\r\nHost: raw.test\r\nAccept: */*\r\n\r\n");
        byte[] response = ascii("HTTP/1.1 204 No Content\r\n\r\n");
        try (RawOrigin raw = RawOrigin.start(expected.length, response)) {
            startProxy(Map.of("raw.test", raw.address()));
            try (RawClient client = new RawClient(proxy.port())) {
                client.send("GET http://raw.test/a?b=1 HTTP/1.1\r\nHost: raw.test\r\nProxy-Connection: keep-alive\r\n"
                        + "Accept: */*\r\nProxy-Authorization: Basic c2VjcmV0\r\n\r\n");
                assertThat(client.read().status()).isEqualTo(204);
            }
            assertThat(new String(raw.takeRequest(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        }
        // The log shows the request exactly as received, Proxy-Connection included.
        ProxyChecks.assertLogged(log, "GET http://raw.test/a?b=1 HTTP/1.1");
        ProxyChecks.assertLogged(log, "Proxy-Connection: keep-alive");
    }

    @Test
    void aHeaderCutInsideAMultiByteCharacterIsLoggedAsCutNotAsInvalidUtf8() throws Exception {
        startProxy(Map.of());
        // "é" is two bytes in UTF-8; the line's 8192nd byte is its first, so the cut splits it.
        String name = "X-Long: ";
        String header = name + "a".repeat(Limits.LINE_BYTES - name.length() - 1) + "é and more";
        try (RawClient client = new RawClient(proxy.port())) {
            byte[] request = concat(ascii("GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\n"),
                    header.getBytes(StandardCharsets.UTF_8), ascii("\r\n\r\n"));
            RawClient.Response response = client.send(request).read();
            assertThat(response.status()).isEqualTo(200);
        }
        ProxyChecks.assertLogged(log, "a [line cut at " + Limits.LINE_BYTES + " bytes]");
        assertThat(log.lines()).extracting(ConsoleLine::text).noneMatch(line -> line.contains("not UTF-8"));
    }

    @Test
    void servesTwoRequestsOnOneKeepAliveConnectionAndDeliversTheirExchanges() throws Exception {
        startProxy(Map.of());
        proxy.startLoad(2, "test client");
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response page = client.send("GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\n"
                    + "Proxy-Connection: keep-alive\r\n\r\n").read();
            assertThat(page.status()).isEqualTo(200);
            RawClient.Response css = client.send("GET http://lab.test/style.css HTTP/1.1\r\nHost: lab.test\r\n"
                    + "If-None-Match: " + origin.etag("/style.css") + "\r\n\r\n").read();
            assertThat(css.statusLine()).isEqualTo("HTTP/1.1 304 Not Modified");
        }
        assertThat(origin.served()).extracting(LabOrigin.Served::status).containsExactly(200, 304);

        HttpExchange first = nextExchange();
        assertThat(first.load()).isEqualTo(2);
        assertThat(first.client()).isEqualTo("test client");
        assertThat(first.requestLine()).isEqualTo("GET http://lab.test/ HTTP/1.1");
        assertThat(first.conditional()).isFalse();
        assertThat(first.forwarded()).isTrue();
        assertThat(first.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        // The JDK's HttpServer writes header names as "Etag" and "Last-modified"; HTTP ignores case.
        assertThat(first.responseHeaders()).extracting(h -> h.name().toLowerCase(Locale.ROOT))
                .contains("etag", "last-modified", "cache-control", "date");
        HttpExchange second = nextExchange();
        assertThat(second.conditional()).isTrue();
        assertThat(second.status()).isEqualTo(304);
        ProxyChecks.assertLogged(log, "response from lab.test (" + origin.address().getAddress().getHostAddress() + ":"
                + origin.port() + "): HTTP/1.1 304 Not Modified");
        ProxyChecks.assertLogged(log, "  Etag: " + origin.etag("/style.css"));
    }

    @Test
    void labModeAnswersOtherHostsItselfWithoutEverConnectingToThem() throws Exception {
        try (ServerSocketChannel sentinel = ServerSocketChannel.open()) {
            sentinel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sentinel.configureBlocking(false);
            int port = sentinel.socket().getLocalPort();
            startProxy(Map.of());
            try (RawClient client = new RawClient(proxy.port())) {
                RawClient.Response get = client.send("GET http://127.0.0.1:" + port + "/ HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\n\r\n").read();
                assertThat(get.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
                assertThat(get.body()).contains("lab mode", "forwards only to lab.test", "was not contacted");

                // Chromium's background update POST: its body is read and dropped, so the connection goes on.
                RawClient.Response post = client.send("POST http://update.googleapis.com/service/update2/json "
                        + "HTTP/1.1\r\nHost: update.googleapis.com\r\nContent-Length: 11\r\n\r\n"
                        + "{\"a\":\"bc\"}\n").read();
                assertThat(post.status()).isEqualTo(403);

                RawClient.Response lab = client.send("GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\n\r\n").read();
                assertThat(lab.status()).isEqualTo(200);
            }
            try (RawClient client = new RawClient(proxy.port())) {
                RawClient.Response connect = client.send("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\n\r\n").read();
                assertThat(connect.status()).isEqualTo(403);
                assertThat(connect.header("Connection")).hasValue("close");
            }
            // Every request above was answered before the next was sent; a connect() would have been queued by now.
            assertThat(sentinel.accept()).as("a connection to the non-mapped host").isNull();
        }
        assertThat(nextExchange().forwarded()).isFalse();
        assertThat(nextExchange().forwarded()).isFalse();
        assertThat(nextExchange().forwarded()).isTrue();
        HttpExchange connect = nextExchange();
        assertThat(connect.requestLine()).startsWith("CONNECT 127.0.0.1:");
        assertThat(connect.forwarded()).isFalse();
        assertThat(connect.requestHeaders()).as("a CONNECT's headers are not kept").isEmpty();
        ProxyChecks.assertLogged(log, "answered by the proxy, not forwarded: HTTP/1.1 403 Forbidden");
    }

    @Test
    void answersAMalformedRequestLineWith400AndKeepsServing() throws Exception {
        startProxy(Map.of());
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.send("HELLO PROXY\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("the request line \"HELLO PROXY\" is not METHOD TARGET HTTP/1.1");
            assertThat(client.closedByPeer()).isTrue();
        }
        ProxyChecks.assertLogged(log, "400 Bad Request");
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void answersARequestWithoutHostWith400AndKeepsServing() throws Exception {
        startProxy(Map.of());
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.send("GET /style.css HTTP/1.1\r\nAccept: */*\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("no Host header");
        }
        assertThat(origin.served()).isEmpty();
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void answersAHeaderBlockOverTheLimitWith431AndKeepsServing() throws Exception {
        startProxy(Map.of());
        try (RawClient client = new RawClient(proxy.port())) {
            String big = "X-Big: " + "a".repeat(Limits.HEADER_BLOCK_BYTES) + "\r\n";
            RawClient.Response response = client.send("GET http://lab.test/ HTTP/1.1\r\nHost: lab.test\r\n" + big
                    + "\r\n").read();
            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
            assertThat(response.body()).contains("over " + Limits.HEADER_BLOCK_BYTES + " bytes");
        }
        assertThat(nextExchange().status()).isEqualTo(431);
        assertThat(origin.served()).isEmpty();
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void logsAClientThatDisconnectsMidRequestAndServesOthersMeanwhile() throws Exception {
        startProxy(Map.of());
        String half = "GET http://lab.test/ HTTP/1.1\r\nHost: la";
        try (RawClient stalled = new RawClient(proxy.port())) {
            stalled.send(half);
            ProxyChecks.assertStillServes(proxy); // another client, while this one is stuck half-way
        }
        ProxyChecks.assertLogged(log, "closed the connection in the middle of a request, after " + half.length()
                + " bytes of its header block");

        try (RawClient halfBody = new RawClient(proxy.port())) {
            halfBody.send("POST http://lab.test/form HTTP/1.1\r\nHost: lab.test\r\nContent-Length: 100\r\n\r\n"
                    + "only ten!!");
            // Wait until the proxy forwarded the head, so the break really happens inside the body.
            ProxyChecks.assertLogged(log, "Content-Length: 100");
        }
        ProxyChecks.assertLogged(log, "closed the connection in the middle of its request body (10 bytes of 100 bytes relayed)");
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void answers502WhenTheOriginIsUnreachable() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        startProxy(Map.of("down.test", closed));
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.send("GET http://down.test/ HTTP/1.1\r\nHost: down.test\r\n\r\n")
                    .read();
            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 502 Bad Gateway");
            assertThat(response.body()).contains("nothing is listening there (connection refused)");
        }
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void answers502WhenTheOriginClosesWithoutAnswering() throws Exception {
        byte[] request = ascii("GET / HTTP/1.1\r\nHost: raw.test\r\n\r\n");
        try (RawOrigin raw = RawOrigin.start(request.length, new byte[0])) {
            startProxy(Map.of("raw.test", raw.address()));
            try (RawClient client = new RawClient(proxy.port())) {
                RawClient.Response response = client.send(request).read();
                assertThat(response.status()).isEqualTo(502);
                assertThat(response.body()).contains("closed the connection without answering");
            }
        }
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void closesTheClientConnectionWhenTheResponseEndsEarlyAfterItStarted() throws Exception {
        byte[] request = ascii("GET /big HTTP/1.1\r\nHost: raw.test\r\n\r\n");
        byte[] cut = ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly5");
        try (RawOrigin raw = RawOrigin.start(request.length, cut)) {
            startProxy(Map.of("raw.test", raw.address()));
            try (RawClient client = new RawClient(proxy.port())) {
                client.send(request);
                // The head and the 5 bytes arrive as sent; then the connection closes, so the client knows.
                assertThat(client.readExactly(cut.length)).isEqualTo(cut);
                assertThat(client.closedByPeer()).isTrue();
            }
        }
        ProxyChecks.assertLogged(log, "ended early (100 bytes expected; ended after 5 of 100 bytes)");
        ProxyChecks.assertStillServes(proxy);
    }

    @Test
    void tunnelsConnectInOpenModeLoggingOnlyHostAndPort() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echoing = new Thread(() -> {
                try (Socket connection = echo.accept()) {
                    connection.getInputStream().transferTo(connection.getOutputStream());
                } catch (IOException ignored) {
                    // The test failed elsewhere; it says so itself.
                }
            });
            echoing.setDaemon(true);
            echoing.start();
            proxy = LoggingProxy.builder(Routes.open()).log(log).onExchange(exchanges::add).start();
            String target = "127.0.0.1:" + echo.getLocalPort();
            try (RawClient client = new RawClient(proxy.port())) {
                client.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target
                        + "\r\nUser-Agent: secret-agent\r\n\r\n");
                byte[] established = ascii("HTTP/1.1 200 Connection Established\r\n\r\n");
                assertThat(client.readExactly(established.length)).isEqualTo(established);
                client.send("bytes through the tunnel");
                assertThat(new String(client.readExactly(24), StandardCharsets.ISO_8859_1))
                        .isEqualTo("bytes through the tunnel");
            }
            echoing.join(5_000);
            ProxyChecks.assertLogged(log, "CONNECT " + target);
            ProxyChecks.assertLogged(log, "tunnel to " + target + " closed: 24 bytes from the client, 24 from the server");
            assertThat(log.lines()).extracting(ConsoleLine::text).noneMatch(line -> line.contains("secret-agent"));
            assertThat(nextExchange().statusLine()).isEqualTo("HTTP/1.1 200 Connection Established");
        }
    }

    @Test
    void aTunnelKeepsRelayingADownloadThatOutlastsTheIdleTimeoutAfterTheClientEndedItsSending() throws Exception {
        Duration idle = Duration.ofMillis(500);
        int chunks = 25;
        byte[] chunk = randomBytes(1000, 6);
        try (ServerSocket download = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try (Socket connection = download.accept()) {
                    connection.getInputStream().readAllBytes(); // until the client's half close comes through
                    for (int i = 0; i < chunks; i++) {
                        connection.getOutputStream().write(chunk);
                        connection.getOutputStream().flush();
                        // The pace is what is tested: a slow download, 2.5 s in all, never idle for 500 ms.
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException ignored) {
                    // The test fails on the bytes it did not get.
                }
            });
            serving.setDaemon(true);
            serving.start();
            proxy = LoggingProxy.builder(Routes.open()).log(log).idleTimeout(idle).start();
            String target = "127.0.0.1:" + download.getLocalPort();
            try (RawClient client = new RawClient(proxy.port())) {
                client.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
                byte[] established = ascii("HTTP/1.1 200 Connection Established\r\n\r\n");
                assertThat(client.readExactly(established.length)).isEqualTo(established);
                client.send("go").shutdownOutput();
                assertThat(client.readExactly(chunks * chunk.length)).hasSize(chunks * chunk.length);
                assertThat(client.closedByPeer()).isTrue();
            }
            serving.join(5_000);
        }
        ProxyChecks.assertLogged(log, "tunnel to 127.0.0.1:");
        ProxyChecks.assertLogged(log, "closed: 2 bytes from the client, " + chunks * chunk.length + " from the server");
    }

    @Test
    void refusesToForwardARequestToItself() throws Exception {
        proxy = LoggingProxy.builder(Routes.open()).log(log).start();
        try (RawClient client = new RawClient(proxy.port())) {
            RawClient.Response response = client.send("GET http://127.0.0.1:" + proxy.port() + "/ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + proxy.port() + "\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("forwarding it would loop");
        }
        assertThat(proxy.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }
}
