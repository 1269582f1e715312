package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketlab.lab.ScenarioRecorder;
import org.socketlab.lab.Transcript;

class LabOriginTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Transcript log = new ScenarioRecorder().transcript("origin");
    private LabOrigin origin;

    @AfterEach
    void stop() {
        origin.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + origin.port() + path))
                .timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageWithValidatorsThen304WhenTheyMatch() throws Exception {
        origin = LabOrigin.start("no-cache", log);
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"" + LabOrigin.PAGE_MARKER + "\"", "href=\"/style.css\"",
                "src=\"/logo.svg\"");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        String lastModified = page.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).isEqualTo(origin.etag("/")).matches("\"[0-9a-f]{16}\"");
        assertThat(lastModified).isEqualTo(origin.lastModified()).endsWith(" GMT");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> byEtag = get("/", "If-None-Match", etag);
        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        assertThat(byEtag.headers().firstValue("ETag")).hasValue(etag);

        assertThat(get("/style.css", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get("/logo.svg", "If-None-Match", "W/" + origin.etag("/logo.svg")).statusCode()).isEqualTo(304);

        assertThat(origin.served()).containsExactly(
                new LabOrigin.Served("GET", "/", 200, false),
                new LabOrigin.Served("GET", "/", 304, true),
                new LabOrigin.Served("GET", "/style.css", 304, true),
                new LabOrigin.Served("GET", "/logo.svg", 304, true));
        assertThat(log.lines()).anyMatch(line -> line.text().equals(
                "GET /style.css -> 304 Not Modified (not modified since " + lastModified + ")"));
    }

    @Test
    void answers200WhenTheValidatorsDoNotMatch() throws Exception {
        origin = LabOrigin.start("max-age=0", log);
        // If-None-Match decides when present, even if If-Modified-Since alone would say "not modified".
        assertThat(get("/style.css", "If-None-Match", "\"other\"", "If-Modified-Since", origin.lastModified())
                .statusCode()).isEqualTo(200);
        String anHourEarlier = LabOrigin.httpDate(Instant.now().minusSeconds(3600));
        assertThat(get("/style.css", "If-Modified-Since", anHourEarlier).statusCode()).isEqualTo(200);
        assertThat(origin.count("/style.css", 200)).isEqualTo(2);
        assertThat(origin.served()).allMatch(LabOrigin.Served::conditional);
    }

    @Test
    void sendsNoCacheControlWhenGivenNoneAndAnswers404ForTheFavicon() throws Exception {
        origin = LabOrigin.start(null, log);
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(origin.cacheControl()).isEmpty();
        assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
        assertThat(origin.count("/favicon.ico", 404)).isEqualTo(1);
    }
}
