package org.socketlab.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.model.HttpExchange;
import org.socketlab.lab.ScenarioRecorder;
import org.socketlab.lab.Transcript;

/** The experiment with Apache HttpClient's cache as the browser: what the assignment asks, without a browser. */
class CachingHttpClientTest {
    private final ScenarioRecorder recorder = new ScenarioRecorder();
    private final Transcript browser = recorder.transcript("browser");

    private ConditionalGetExperiment start(String cacheControl) throws Exception {
        return ConditionalGetExperiment.start(cacheControl, new CachingHttpClient(),
                new ConditionalGetExperiment.Consoles(recorder.transcript("proxy"), recorder.transcript("origin"),
                        browser, recorder::http, recorder::now));
    }

    @ParameterizedTest
    @ValueSource(strings = "no-cache")
    void revalidatesEveryObjectWithAConditionalGetAnswered304(String cacheControl) throws Exception {
        try (ConditionalGetExperiment experiment = start(cacheControl)) {
            PageLoad first = experiment.load();
            assertThat(first.result().loaded()).as(first.result().detail()).isTrue();
            assertThat(first.forwarded()).extracting(PageLoad::path).containsExactlyElementsOf(LabOrigin.PAGE_OBJECTS);
            assertThat(first.forwarded()).allSatisfy(e -> {
                assertThat(e.conditional()).isFalse();
                assertThat(e.status()).isEqualTo(200);
            });

            PageLoad second = experiment.load();
            assertThat(second.result().loaded()).as(second.result().detail()).isTrue();
            assertThat(second.forwarded()).extracting(PageLoad::path).containsExactlyElementsOf(LabOrigin.PAGE_OBJECTS);
            for (HttpExchange exchange : second.forwarded()) {
                String path = PageLoad.path(exchange);
                assertThat(Headers.first(exchange.requestHeaders(), "If-None-Match"))
                        .as("If-None-Match of %s", path).hasValue(experiment.origin().etag(path));
                assertThat(exchange.conditional()).isTrue();
                assertThat(exchange.statusLine()).isEqualTo("HTTP/1.1 304 Not Modified");
            }
            assertThat(second.result().detail()).contains("VALIDATED");
            assertThat(second.number()).isEqualTo(2);
            assertThat(second.exchanges()).allMatch(e -> e.load() == 2);
            assertThat(second.client()).startsWith("Apache HttpClient caching client (httpclient5-cache 5.");
            assertThat(experiment.origin().count("/style.css", 304)).isEqualTo(1);
        }
        assertThat(recorder.snapshot().http()).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(strings = "max-age=3600")
    void servesTheSecondLoadFromTheCacheWithoutAnyRequest(String cacheControl) throws Exception {
        try (ConditionalGetExperiment experiment = start(cacheControl)) {
            assertThat(experiment.load().forwarded()).hasSize(3);
            PageLoad second = experiment.load();
            assertThat(second.result().loaded()).isTrue();
            assertThat(second.exchanges()).as("requests reaching the proxy on load 2").isEmpty();
            assertThat(second.result().detail()).contains("CACHE_HIT").doesNotContain("VALIDATED");
        }
    }

    /**
     * Unlike Chromium, HttpClient 5's cache does not store a response whose freshness lifetime is zero
     * (ResponseCachingPolicy: "Freshness lifetime is invalid"), so max-age=0 behaves like no-store for it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"no-store", "max-age=0", "max-age=0, must-revalidate"})
    void neverSendsAConditionalGetForWhatItDoesNotStore(String cacheControl) throws Exception {
        try (ConditionalGetExperiment experiment = start(cacheControl)) {
            experiment.load();
            PageLoad second = experiment.load();
            assertThat(second.forwarded()).hasSize(3).allSatisfy(e -> {
                assertThat(e.conditional()).isFalse();
                assertThat(e.status()).isEqualTo(200);
            });
            assertThat(second.result().detail()).contains("CACHE_MISS").doesNotContain("VALIDATED");
        }
    }
}
