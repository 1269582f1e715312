package org.socketlab.lab;

import org.socketlab.model.Event;
import org.socketlab.model.HttpExchange;
import org.socketlab.model.ProgramRun;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;
import org.socketlab.http.CachingHttpClient;
import org.socketlab.http.Chromium;
import org.socketlab.http.ConditionalGetExperiment;
import org.socketlab.http.Headers;
import org.socketlab.http.LabOrigin;
import org.socketlab.http.PageClient;
import org.socketlab.http.PageLoad;
import org.socketlab.net.Limits;

/**
 * Part 2's bench for one scenario: a browser (headless Chromium, or Apache HttpClient's caching client) loads
 * the lab origin's page through the logging proxy, and the steps check what the loads sent and got. The
 * proxy, origin and browser consoles, every exchange and the sequence of requests go to the scenario's
 * {@link ScenarioRecorder}; the proxy's port is captured on the wire like any other scenario port.
 */
public final class BrowserLab implements AutoCloseable {
    public static final String BROWSER = "browser";
    public static final String PROXY = "proxy";
    public static final String ORIGIN = "origin";

    /** What a page load looked like at the proxy, as a feature names it. */
    public enum LoadKind {
        CONDITIONAL_304("conditional GETs answered 304"),
        PLAIN_200("plain GETs answered 200"),
        FROM_CACHE("no request at all");

        private final String phrase;

        LoadKind(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }

        public static LoadKind ofPhrase(String phrase) {
            for (LoadKind kind : values()) {
                if (kind.phrase.equals(phrase)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown kind of load \"" + phrase + "\"");
        }
    }

    private final LabScenario lab;
    private final ScenarioRecorder recorder;
    private String cacheControl;
    private boolean cacheControlChosen;
    private PageClient client;
    private ConditionalGetExperiment experiment;
    private final List<PageLoad> loads = new ArrayList<>();

    public BrowserLab(LabScenario lab) {
        this.lab = lab;
        this.recorder = lab.recorder();
    }

    /** The origin's {@code Cache-Control} for the page and its objects; null or blank for none. */
    public void cacheControl(String value) {
        if (experiment != null) {
            throw new IllegalStateException("the lab origin is already serving: put 'Given the lab origin sends ...' "
                    + "before the first 'When the browser loads the page'");
        }
        this.cacheControl = value;
        this.cacheControlChosen = true;
    }

    /** Chromium as the browser, or the reason it cannot be (to skip the scenario with). */
    public Optional<String> useChromium() {
        Optional<Chromium> chromium = Chromium.find();
        chromium.ifPresent(this::use);
        return chromium.isPresent() ? Optional.empty() : Optional.of(Chromium.whyMissing());
    }

    /**
     * The assignment's Part 2, step 3: Chromium with the line-printing server on the lab port as its HTTP proxy,
     * on the scenario's lab host beside it, until the server has printed the request line for the page (bounded:
     * the line server never answers, so the page never loads). Skipped where Chromium is not installed.
     */
    public void browseThroughLineServer(int labPort) {
        if (!(client instanceof Chromium)) {
            use(Chromium.find().orElseThrow(() -> new TestAbortedException(Chromium.whyMissing())));
        }
        Chromium chromium = (Chromium) client; // closed with the scenario, with its profile
        String proxy = lab.host() + ":" + lab.realPort(labPort);
        URI page = URI.create("http://" + ConditionalGetExperiment.HOST + "/");
        long at = recorder.now();
        long started = System.nanoTime();
        try (AutoCloseable browsing = chromium.browse(page, proxy, lab.browserPlacement(Path.of("").toAbsolutePath()),
                recorder.transcript(BROWSER))) {
            String requestLine = "GET " + page + " HTTP/1.1";
            boolean printed = recorder.transcript(LabScenario.SERVER).awaitIndex(line -> line.text()
                    .contains(requestLine), 0, Limits.BROWSER_LOAD_TIMEOUT).isPresent();
            recorder.run(new ProgramRun(BROWSER, "chromium --proxy-server=http://" + lab.host() + ":" + labPort
                    + " " + page, printed ? "request printed by the server" : "no request printed", null, null,
                    null, null, at, (System.nanoTime() - started) / 1_000));
            recorder.event(at, BROWSER, LabScenario.SERVER, printed ? Event.Kind.DATA : Event.Kind.NOTE,
                    printed ? requestLine : "nothing the server printed");
        } catch (Exception e) {
            throw new IllegalStateException("Chromium could not browse through the line server: "
                    + e.getMessage(), e);
        }
    }

    public void useCachingClient() {
        use(new CachingHttpClient());
    }

    private void use(PageClient chosen) {
        if (experiment != null) {
            throw new IllegalStateException("the browser is chosen before the first load");
        }
        if (client != null) {
            client.close();
        }
        client = chosen;
    }

    /** Loads the page once more through the proxy (starting proxy and origin on the first load). */
    public PageLoad loadPage() {
        try {
            if (experiment == null) {
                start();
            }
            PageLoad load = experiment.load();
            loads.add(load);
            recordLoad(load);
            return load;
        } catch (IOException e) {
            throw new IllegalStateException("the page load could not run: " + e.getMessage(), e);
        }
    }

    private void start() throws IOException {
        if (client == null) {
            throw new IllegalStateException("no browser chosen: add 'Given Chromium as the browser' or "
                    + "'Given the caching client as the browser' first");
        }
        if (!cacheControlChosen) {
            // Without one, caches guess how long a page stays fresh, and the result would depend on timing.
            throw new IllegalStateException("the lab origin's Cache-Control was not chosen: add 'Given the lab "
                    + "origin sends \"Cache-Control: no-cache\"' (or another value, or 'Given the lab origin sends "
                    + "no Cache-Control') before the first load");
        }
        ConditionalGetExperiment.Consoles consoles = new ConditionalGetExperiment.Consoles(
                recorder.transcript(PROXY), recorder.transcript(ORIGIN), recorder.transcript(BROWSER),
                recorder::http, recorder::now);
        long at = recorder.now();
        long started = System.nanoTime();
        experiment = ConditionalGetExperiment.start(cacheControl, client, consoles);
        long startMicros = (System.nanoTime() - started) / 1_000;
        lab.watchOnWire(experiment.proxyPort());
        recorder.note("Browser: " + experiment.clientName() + ", through the logging proxy on 127.0.0.1:"
                + experiment.proxyPort() + " to the lab origin on 127.0.0.1:" + experiment.originPort()
                + " (Cache-Control: " + (cacheControl == null || cacheControl.isBlank() ? "none" : cacheControl) + ").");
        // The ports are the real ones: the proxy and the origin bind free ports, and a student can type this.
        recorder.run(new ProgramRun(PROXY, "socket-lab proxy --port " + experiment.proxyPort() + " --map "
                + ConditionalGetExperiment.HOST + "=127.0.0.1:" + experiment.originPort(), "started", null, null,
                null, null, at, startMicros));
    }

    private void recordLoad(PageLoad load) {
        // Dated when the load began, so that it comes before its requests in the sequence diagram.
        long began = recorder.now() - load.result().took().toMillis();
        recorder.event(began, BROWSER, BROWSER, Event.Kind.NOTE, "load " + load.number() + (load.result().loaded()
                ? " (" + load.result().took().toMillis() + " ms)" : ": the page did not load"));
        for (HttpExchange exchange : load.pageObjects()) {
            String path = PageLoad.path(exchange);
            String validators = Headers.first(exchange.requestHeaders(), "If-None-Match")
                    .map(v -> " If-None-Match: " + v).orElse("");
            String status = exchange.statusLine().replaceFirst("^HTTP/1\\.[01] ", "");
            // Through the proxy, which is what saw each request (its console holds them whole).
            recorder.event(exchange.atMillis(), BROWSER, PROXY, Event.Kind.REQUEST, "GET " + path + validators);
            recorder.event(exchange.atMillis(), PROXY, ORIGIN, Event.Kind.REQUEST, "GET " + path + validators);
            recorder.event(exchange.atMillis(), ORIGIN, PROXY, Event.Kind.RESPONSE, status);
            recorder.event(exchange.atMillis(), PROXY, BROWSER, Event.Kind.RESPONSE, status);
        }
        if (!load.notForwarded().isEmpty()) {
            recorder.event(PROXY, BROWSER, Event.Kind.NOTE, load.notForwarded().size()
                    + " requests to other hosts answered 403, not forwarded");
        }
        if (load.pageObjects().isEmpty() && load.result().loaded()) {
            recorder.event(BROWSER, BROWSER, Event.Kind.NOTE, "no request reached the proxy: served from the cache");
        }
    }

    /** Load 1, 2, ... as it ran; a clear error when the feature asks about a load that did not run. */
    public PageLoad load(int number) {
        if (number < 1 || number > loads.size()) {
            throw new IllegalStateException("load " + number + " has not run (" + loads.size() + " ran): add "
                    + "'When the browser loads the page' steps");
        }
        return loads.get(number - 1);
    }

    /** The page loaded in the browser (Chromium's DOM held the lab page, or the client got it). */
    public void expectLoaded(PageLoad load) {
        recorder.verify("load " + load.number() + " shows the lab page", load.result().loaded()
                ? "loaded in " + load.result().took().toMillis() + " ms" : "not loaded: " + load.result().detail(),
                load.result().loaded());
    }

    /** What the load's requests for the page and its objects were, and how the origin answered. */
    public void expectLoadKind(PageLoad load, LoadKind kind) {
        List<HttpExchange> objects = load.pageObjects();
        // Each of the page, its stylesheet and its image was asked for, not just three requests of any kind.
        boolean everyObject = objects.stream().map(PageLoad::path).collect(Collectors.toSet())
                .equals(Set.copyOf(LabOrigin.PAGE_OBJECTS));
        boolean met = switch (kind) {
            case FROM_CACHE -> objects.isEmpty() && load.result().loaded();
            case CONDITIONAL_304 -> everyObject && objects.stream().allMatch(e -> e.conditional()
                    && e.status() == 304 && carriesOriginValidators(e));
            case PLAIN_200 -> everyObject && objects.stream().allMatch(e -> !e.conditional() && e.status() == 200);
        };
        recorder.verify("load " + load.number() + ": " + kind.phrase(), describe(load), met);
    }

    /** If-None-Match carries the ETag the origin sent for that path; If-Modified-Since its Last-Modified. */
    private boolean carriesOriginValidators(HttpExchange exchange) {
        String path = PageLoad.path(exchange);
        Optional<String> ifNoneMatch = Headers.first(exchange.requestHeaders(), "If-None-Match");
        Optional<String> ifModifiedSince = Headers.first(exchange.requestHeaders(), "If-Modified-Since");
        String etag = experiment.origin().etag(path);
        return ifNoneMatch.map(v -> v.equals(etag) || v.equals("W/" + etag)).orElse(true)
                && ifModifiedSince.map(v -> v.equals(experiment.origin().lastModified())).orElse(true);
    }

    /** Every request for the page and its objects in the load carries the header. */
    public void expectHeader(PageLoad load, String header) {
        List<HttpExchange> objects = load.pageObjects();
        boolean met = !objects.isEmpty()
                && objects.stream().allMatch(e -> Headers.first(e.requestHeaders(), header).isPresent());
        recorder.verify("load " + load.number() + "'s requests carry " + header, describe(load), met);
    }

    private static String describe(PageLoad load) {
        if (load.pageObjects().isEmpty()) {
            return "no request for the page or its objects reached the proxy"
                    + (load.result().loaded() ? "; the page loaded" : "; the page did not load: " + load.result().detail());
        }
        return load.pageObjects().stream().map(e -> PageLoad.path(e) + " "
                + (e.conditional() ? "conditional (" + conditionalHeaders(e) + ")" : "plain") + " -> " + e.status())
                .collect(Collectors.joining("; "));
    }

    private static String conditionalHeaders(HttpExchange exchange) {
        return exchange.requestHeaders().stream()
                .filter(h -> h.name().equalsIgnoreCase("If-None-Match") || h.name().equalsIgnoreCase("If-Modified-Since"))
                .map(h -> h.name() + ": " + h.value()).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        if (experiment != null) {
            experiment.close();
            experiment = null;
        } else if (client != null) {
            client.close();
        }
    }
}
