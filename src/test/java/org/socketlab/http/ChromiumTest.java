package org.socketlab.http;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.socketlab.model.HttpExchange;
import org.socketlab.lab.ScenarioRecorder;

/** The assignment's Part 2 with a real browser: skipped, with the reason, where Chromium is not installed. */
@Isolated("it checks that no Chromium this JVM started is left: another class's Chromium would count")
class ChromiumTest {
    private final ScenarioRecorder recorder = new ScenarioRecorder();

    @Test
    void sendsConditionalGetsOnItsSecondLaunchAndTheOriginAnswers304() throws Exception {
        Optional<Chromium> found = Chromium.find();
        Assumptions.assumeTrue(found.isPresent(), Chromium::whyMissing);
        Chromium chromium = found.get();
        Path workDir = chromium.workDir();
        long start = System.nanoTime();
        try (ConditionalGetExperiment experiment = ConditionalGetExperiment.start("no-cache", chromium,
                new ConditionalGetExperiment.Consoles(recorder.transcript("proxy"), recorder.transcript("origin"),
                        recorder.transcript("browser"), recorder::http, recorder::now))) {
            PageLoad first = experiment.load();
            assertThat(first.result().loaded()).as(first.result().detail()).isTrue();
            assertThat(first.pageObjects()).extracting(PageLoad::path)
                    .containsExactlyInAnyOrderElementsOf(LabOrigin.PAGE_OBJECTS);
            assertThat(first.pageObjects()).allSatisfy(e -> {
                assertThat(e.conditional()).as(e.requestLine()).isFalse();
                assertThat(e.status()).as(e.requestLine()).isEqualTo(200);
            });
            assertThat(Chromium.processesUsing(workDir)).as("Chromium processes after load 1").isEmpty();

            PageLoad second = experiment.load();
            assertThat(second.result().loaded()).as(second.result().detail()).isTrue();
            assertThat(second.pageObjects()).extracting(PageLoad::path)
                    .containsExactlyInAnyOrderElementsOf(LabOrigin.PAGE_OBJECTS);
            for (HttpExchange exchange : second.pageObjects()) {
                String path = PageLoad.path(exchange);
                assertThat(Headers.first(exchange.requestHeaders(), "If-None-Match")).as("If-None-Match of " + path)
                        .hasValue(experiment.origin().etag(path));
                assertThat(Headers.first(exchange.requestHeaders(), "If-Modified-Since"))
                        .as("If-Modified-Since of " + path).hasValue(experiment.origin().lastModified());
                assertThat(exchange.statusLine()).isEqualTo("HTTP/1.1 304 Not Modified");
            }
            // Chromium's own background requests (Google hosts) never left the machine.
            assertThat(second.notForwarded()).allSatisfy(e -> assertThat(e.status()).isEqualTo(403));
            assertThat(experiment.origin().count("/", 304)).isEqualTo(1);
            System.out.printf("%s: load 1 %d ms, load 2 %d ms%n", experiment.clientName(),
                    first.result().took().toMillis(), second.result().took().toMillis());
        }
        System.out.printf("Chromium experiment, start to close: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(Chromium.processesUsing(workDir)).as("Chromium processes after close").isEmpty();
        assertThat(ProcessHandle.current().descendants())
                .as("Chromium processes this JVM started")
                .noneMatch(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false));
        assertThat(workDir).doesNotExist();
    }

    @Test
    void saysWhyWhenTheNamedBinaryIsMissing() {
        Chromium.Lookup lookup = Chromium.locate("/nonexistent/chromium");
        assertThat(lookup.binary()).isEmpty();
        assertThat(lookup.explanation()).isEqualTo("-Dlab.chromium=/nonexistent/chromium is not an executable file");
    }
}
