package org.socketlab.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.cache.CacheResponseStatus;
import org.apache.hc.client5.http.cache.HttpCacheContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.cache.BasicHttpCacheStorage;
import org.apache.hc.client5.http.impl.cache.CacheConfig;
import org.apache.hc.client5.http.impl.cache.CachingHttpClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.socketlab.net.Durations;
import org.socketlab.net.Limits;
import org.socketlab.net.Output;

/**
 * Apache HttpClient 5's caching client as a {@link PageClient}, so the experiment runs where no browser is
 * installed: a load fetches the page, then every {@code src="..."} and {@code href="..."} it references, through
 * the proxy. Its cache is in memory, private (as a browser's: {@code setSharedCache(false)}), without heuristic
 * freshness, and lasts as long as this instance, across loads. Not thread-safe: one load at a time.
 */
public final class CachingHttpClient implements PageClient {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"#]+)\"");

    private final CacheConfig config = CacheConfig.custom()
            .setSharedCache(false)
            .setHeuristicCachingEnabled(false)
            .setMaxObjectSize(1024 * 1024)
            .build();
    private BasicHttpCacheStorage storage = new BasicHttpCacheStorage(config);

    /** One object fetched, and how the cache produced it. */
    private record Fetch(URI uri, int status, byte[] body, CacheResponseStatus cache) {
    }

    /** {@code Apache HttpClient caching client (httpclient5-cache 5.6.5)}. */
    @Override
    public String name() {
        return "Apache HttpClient caching client (httpclient5-cache " + version() + ")";
    }

    /** The library's version as its jar records it. */
    static String version() {
        String resource = "/META-INF/maven/org.apache.httpcomponents.client5/httpclient5-cache/pom.properties";
        try (InputStream in = CachingHttpClients.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "version unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "version unknown");
        } catch (IOException e) {
            return "version unknown";
        }
    }

    /**
     * Fetches the page and the objects it references, one after another, and prints one line per object with the
     * cache's verdict (CACHE_MISS, CACHE_HIT, VALIDATED).
     */
    @Override
    public LoadResult load(URI page, InetSocketAddress proxy, Output console) throws IOException {
        long start = System.nanoTime();
        Timeout timeout = Timeout.ofMilliseconds(Limits.IDLE_TIMEOUT.toMillis());
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(Limits.PROXY_CONNECT_TIMEOUT.toMillis()))
                .setSocketTimeout(timeout)
                .build();
        // A client per load, sharing one storage: the cache outlives the load, as a browser's does a restart.
        try (CloseableHttpClient http = CachingHttpClients.custom()
                .setCacheConfig(config)
                .setHttpCacheStorage(storage)
                .setProxy(new HttpHost("http", proxy.getAddress().getHostAddress(), proxy.getPort()))
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections).build())
                .disableAutomaticRetries()
                .build()) {
            List<Fetch> fetches = new ArrayList<>();
            Fetch first = fetch(http, page, console);
            fetches.add(first);
            if (first.status() == 200) {
                for (URI object : references(page, first.body())) {
                    fetches.add(fetch(http, object, console));
                }
            }
            boolean loaded = fetches.stream().allMatch(f -> f.status() == 200)
                    && new String(first.body(), StandardCharsets.UTF_8).contains(LabOrigin.PAGE_MARKER);
            StringJoiner detail = new StringJoiner(", ");
            fetches.forEach(f -> detail.add(f.uri().getPath() + " " + f.status() + " " + f.cache()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            console.println("loaded " + fetches.size() + " objects in " + Durations.format(took));
            return new LoadResult(loaded, detail.toString(), took);
        }
    }

    private static Fetch fetch(CloseableHttpClient http, URI uri, Output console) throws IOException {
        HttpCacheContext context = HttpCacheContext.create();
        Fetch fetch = http.execute(new HttpGet(uri), context, response -> new Fetch(uri, response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()),
                context.getCacheResponseStatus()));
        console.println("GET " + uri + " -> " + fetch.status() + " (" + explain(fetch.cache()) + ")");
        return fetch;
    }

    private static String explain(CacheResponseStatus status) {
        if (status == null) {
            return "no cache verdict";
        }
        return status + ": " + switch (status) {
            case CACHE_HIT -> "served from the cache, no request sent";
            case CACHE_MISS -> "not in the cache (or not storable), fetched from the origin";
            case VALIDATED -> "the cache asked the origin with a conditional GET, which answered 304; served from"
                    + " the cache";
            case CACHE_MODULE_RESPONSE -> "answered by the cache module itself";
            case FAILURE -> "the cache could not answer";
        };
    }

    /** The same-page objects the HTML references, in order, once each. */
    static List<URI> references(URI page, byte[] html) {
        Set<URI> objects = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(new String(html, StandardCharsets.UTF_8));
        while (matcher.find()) {
            URI object = page.resolve(matcher.group(1).strip());
            if ("http".equals(object.getScheme())) {
                objects.add(object);
            }
        }
        return List.copyOf(objects);
    }

    /** Forgets everything cached. */
    @Override
    public void close() {
        storage = new BasicHttpCacheStorage(config);
    }
}
