package org.socketlab.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.socketlab.model.HttpExchange;
import org.socketlab.net.Durations;
import org.socketlab.net.Output;

/**
 * Part 2's experiment, whole: a {@link LabOrigin} sending the given {@code Cache-Control}, a lab-mode
 * {@link LoggingProxy} that forwards only {@code lab.test} to it, and a {@link PageClient} that loads
 * {@code http://lab.test/} through the proxy as often as asked. This is all a scenario's steps need:
 *
 * <pre>{@code
 * Consoles consoles = new Consoles(recorder.transcript("proxy"), recorder.transcript("origin"),
 *         recorder.transcript("browser"), recorder::http, recorder::now);
 * try (ConditionalGetExperiment experiment = ConditionalGetExperiment.start("no-cache", client, consoles)) {
 *     PageLoad first = experiment.load();    // load 1: plain GETs, 200
 *     PageLoad second = experiment.load();   // load 2: If-None-Match / If-Modified-Since, 304
 *     HttpExchange css = second.request("/style.css").orElseThrow();
 *     assertThat(css.conditional()).isTrue();
 *     assertThat(css.status()).isEqualTo(304);
 * }
 * }</pre>
 *
 * <p>Where Chromium is missing: {@code Chromium.find()} is empty and {@code Chromium.whyMissing()} is the reason
 * to skip with. {@link #close()} closes the client (deleting Chromium's profile), the proxy and the origin.
 * Not thread-safe: one load at a time.
 */
public final class ConditionalGetExperiment implements AutoCloseable {
    /** The made-up host the page is loaded from: Chromium would bypass the proxy for localhost or 127.0.0.1. */
    public static final String HOST = "lab.test";

    /** How long after a load ends the proxy may still be finishing its last exchange. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /**
     * Where the three programs print, and where each exchange is recorded.
     *
     * @param proxy     the proxy's console: every request as received, every response's status and caching headers
     * @param origin    the origin's console: one line per response ({@code GET /style.css -> 304 Not Modified ...})
     * @param browser   the client's console: Chromium's command line and exit, or the caching client's fetches
     * @param exchanges receives each exchange as it completes, on the proxy's threads (e.g. {@code recorder::http})
     * @param clock     milliseconds for {@link HttpExchange#atMillis()} (e.g. {@code recorder::now})
     */
    public record Consoles(Output proxy, Output origin, Output browser, Consumer<HttpExchange> exchanges,
            LongSupplier clock) {
        public Consoles {
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(browser, "browser");
            Objects.requireNonNull(exchanges, "exchanges");
            Objects.requireNonNull(clock, "clock");
        }

        /** Prints nothing and records nothing, for tests that only look at the returned loads. */
        public static Consoles silent() {
            long start = System.nanoTime();
            return new Consoles(LoggingProxy.Silent.OUTPUT, LoggingProxy.Silent.OUTPUT, LoggingProxy.Silent.OUTPUT,
                    exchange -> { }, () -> (System.nanoTime() - start) / 1_000_000);
        }
    }

    private final LabOrigin origin;
    private final LoggingProxy proxy;
    private final PageClient client;
    private final Consoles consoles;
    private final Duration settle;
    /** Every exchange of every load, in the order the proxy finished them; synchronized. */
    private final List<HttpExchange> exchanges;
    private int loads;

    private ConditionalGetExperiment(LabOrigin origin, LoggingProxy proxy, PageClient client, Consoles consoles,
            Duration settle, List<HttpExchange> exchanges) {
        this.origin = origin;
        this.proxy = proxy;
        this.client = client;
        this.consoles = consoles;
        this.settle = settle;
        this.exchanges = exchanges;
    }

    /**
     * Starts the origin and the proxy on free loopback ports. The experiment owns the client from now on and
     * closes it.
     *
     * @param cacheControl the origin's {@code Cache-Control}, e.g. {@code no-cache}, {@code max-age=0},
     *                     {@code max-age=3600}, {@code no-store}; null or blank for none
     * @throws IOException when a server cannot bind (a {@link org.socketlab.net.LabException} saying why)
     */
    public static ConditionalGetExperiment start(String cacheControl, PageClient client, Consoles consoles)
            throws IOException {
        return start(cacheControl, client, consoles, SETTLE);
    }

    /** As {@link #start(String, PageClient, Consoles)}, with how long {@link #load()} waits for the proxy. */
    static ConditionalGetExperiment start(String cacheControl, PageClient client, Consoles consoles,
            Duration settle) throws IOException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(consoles, "consoles");
        LabOrigin origin = LabOrigin.start(cacheControl, consoles.origin());
        try {
            List<HttpExchange> exchanges = Collections.synchronizedList(new ArrayList<>());
            LoggingProxy proxy = LoggingProxy.builder(Routes.lab(Map.of(HOST, origin.address())))
                    .log(consoles.proxy())
                    .clock(consoles.clock())
                    .onExchange(exchange -> {
                        exchanges.add(exchange);
                        consoles.exchanges().accept(exchange);
                    })
                    .start();
            return new ConditionalGetExperiment(origin, proxy, client, consoles, settle, exchanges);
        } catch (IOException | RuntimeException e) {
            origin.close();
            client.close();
            throw e;
        }
    }

    /**
     * Loads the page once more (load 1, 2, ...) and returns what crossed the proxy during that load, once the
     * proxy has finished with it. Blocks for the load, at most the client's timeout plus 5 s.
     *
     * @throws IOException when the client could not be run (a page that did not load is in the result), or when
     *                     the proxy was still handling a request 5 s after the client finished: the load's
     *                     exchanges would be incomplete, and judging them would judge partial evidence
     */
    public PageLoad load() throws IOException {
        int number = ++loads;
        proxy.startLoad(number, client.name());
        LoadResult result = client.load(page(), proxy.address(), consoles.browser());
        boolean idle;
        try {
            idle = proxy.awaitIdle(settle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the proxy to finish load " + number);
        }
        if (!idle) {
            throw new IOException("the proxy was still busy " + Durations.format(settle) + " after load " + number
                    + " ended, so that load's exchanges are incomplete; the proxy's console shows the request it "
                    + "was still handling");
        }
        List<HttpExchange> ofThisLoad;
        synchronized (exchanges) {
            ofThisLoad = exchanges.stream().filter(e -> e.load() == number).toList();
        }
        return new PageLoad(number, client.name(), result, ofThisLoad);
    }

    /** {@code http://lab.test/}. */
    public URI page() {
        return URI.create("http://" + HOST + "/");
    }

    /** The client's name, for the report: {@code Chromium 150.0.7871.100} or the caching client's. */
    public String clientName() {
        return client.name();
    }

    /** The origin, e.g. for {@link LabOrigin#etag(String)} or {@link LabOrigin#served()}. */
    public LabOrigin origin() {
        return origin;
    }

    /** The proxy's real port, for a PortMapping or a "set your browser's proxy to" line. */
    public int proxyPort() {
        return proxy.port();
    }

    /** The origin's real port. */
    public int originPort() {
        return origin.port();
    }

    /**
     * Closes the client, then the proxy, then the origin, each even when an earlier one failed.
     *
     * @throws RuntimeException the first close's failure, with any later ones suppressed
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Runnable closing : List.<Runnable>of(client::close, proxy::close, origin::close)) {
            try {
                closing.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
