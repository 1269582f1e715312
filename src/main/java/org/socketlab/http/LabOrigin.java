package org.socketlab.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketlab.net.Endpoints;
import org.socketlab.net.LabException;
import org.socketlab.net.Output;
import org.socketlab.net.Transport;

/**
 * The lab's web server: a page ({@code /}) that references a stylesheet ({@code /style.css}) and an image
 * ({@code /logo.svg}), each sent with a strong {@code ETag}, a {@code Last-Modified} (the second the origin
 * started) and the {@code Cache-Control} it was given, or none. It answers {@code 304 Not Modified} when
 * {@code If-None-Match} names the object's ETag, or, when there is no If-None-Match, when {@code If-Modified-Since}
 * is not older than Last-Modified (RFC 9110 13.2.2). {@code /favicon.ico}, which browsers ask for on their own,
 * and anything else are 404.
 *
 * <p>It records what it served ({@link #served()}) before sending each response, so a client that has its
 * response can count on the record being there. Thread-safe.
 */
public final class LabOrigin implements AutoCloseable {
    /** The id of the page's heading: a DOM that contains it shows the page loaded. */
    public static final String PAGE_MARKER = "socket-lab-page";
    /** The page, its stylesheet and its image: the objects a page load fetches. */
    public static final List<String> PAGE_OBJECTS = List.of("/", "/style.css", "/logo.svg");

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>socket-lab: conditional GET</title>
            <link rel="stylesheet" href="/style.css">
            </head>
            <body>
            <h1 id="socket-lab-page">socket-lab lab page</h1>
            <p>Load me twice through the proxy and watch for If-None-Match and If-Modified-Since.</p>
            <img src="/logo.svg" alt="socket-lab logo" width="120" height="40">
            </body>
            </html>
            """;
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; }
            h1 { color: #2a5db0; }
            """;
    private static final String LOGO = """
            <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
            <rect width="120" height="40" rx="6" fill="#2a5db0"/>
            <text x="60" y="26" font-family="sans-serif" font-size="16" fill="#fff" text-anchor="middle">socket-lab</text>
            </svg>
            """;

    /** One object of the lab's page. */
    private record Resource(String contentType, byte[] body, String etag) {
        static Resource of(String contentType, String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            return new Resource(contentType, body, "\"" + sha256(body).substring(0, 16) + "\"");
        }
    }

    /**
     * One response the origin sent.
     *
     * @param method      the request's method
     * @param path        the request's path, e.g. {@code /style.css}
     * @param status      200, 304, 404 or 405
     * @param conditional whether the request carried If-None-Match or If-Modified-Since
     */
    public record Served(String method, String path, int status, boolean conditional) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Output log;
    private final Optional<String> cacheControl;
    private final Instant lastModified;
    private final Map<String, Resource> resources;
    private final List<Served> served = new ArrayList<>();

    private LabOrigin(HttpServer server, Output log, Optional<String> cacheControl) {
        this.server = server;
        this.log = log;
        this.cacheControl = cacheControl;
        // Whole seconds: HTTP dates have no fractions, and If-Modified-Since must compare equal to it.
        this.lastModified = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.resources = Map.of(
                "/", Resource.of("text/html; charset=utf-8", PAGE),
                "/style.css", Resource.of("text/css; charset=utf-8", STYLE),
                "/logo.svg", Resource.of("image/svg+xml", LOGO));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "lab-origin-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the origin on 127.0.0.1 and a free port.
     *
     * @param cacheControl the {@code Cache-Control} value every object is sent with, e.g. {@code no-cache} or
     *                     {@code max-age=3600}; null or blank for none
     */
    public static LabOrigin start(String cacheControl, Output log) throws LabException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), cacheControl, log);
    }

    /** Starts the origin on the given address (port 0: a free port); prints where it listens. */
    public static LabOrigin start(InetSocketAddress bind, String cacheControl, Output log) throws LabException {
        HttpServer server;
        try {
            server = HttpServer.create(bind, 50);
        } catch (IOException e) {
            throw Endpoints.bindFailure(bind, Transport.TCP, e);
        }
        Optional<String> policy = Optional.ofNullable(cacheControl).map(String::strip).filter(s -> !s.isEmpty());
        LabOrigin origin = new LabOrigin(server, log, policy);
        server.createContext("/", origin::handle);
        server.setExecutor(origin.executor);
        server.start();
        log.println("Origin listening on http://" + bind.getAddress().getHostAddress() + ":" + origin.port()
                + "/ (Cache-Control: " + policy.orElse("none") + ")");
        return origin;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where it listens, for a proxy's host map. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The Cache-Control it sends, or empty when it sends none. */
    public Optional<String> cacheControl() {
        return cacheControl;
    }

    /** The ETag of a page object, e.g. {@code "3f2a..."} with its quotes. */
    public String etag(String path) {
        Resource resource = resources.get(path);
        if (resource == null) {
            throw new IllegalArgumentException("path (" + path + ") is not one of " + PAGE_OBJECTS);
        }
        return resource.etag();
    }

    /** The Last-Modified every object is sent with, as an HTTP date. */
    public String lastModified() {
        return httpDate(lastModified);
    }

    /** Every response so far, in order. */
    public synchronized List<Served> served() {
        return List.copyOf(served);
    }

    /** How many responses with this status were sent for this path. */
    public synchronized long count(String path, int status) {
        return served.stream().filter(s -> s.path().equals(path) && s.status() == status).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Headers request = exchange.getRequestHeaders();
            String ifNoneMatch = request.getFirst("If-None-Match");
            String ifModifiedSince = request.getFirst("If-Modified-Since");
            boolean conditional = ifNoneMatch != null || ifModifiedSince != null;
            Resource resource = resources.get(path);
            Headers response = exchange.getResponseHeaders();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.set("Allow", "GET, HEAD");
                send(exchange, new Served(method, path, 405, conditional), "Method Not Allowed",
                        "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", "");
                return;
            }
            if (resource == null) {
                send(exchange, new Served(method, path, 404, conditional), "Not Found",
                        ("no " + path + " here\n").getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8",
                        "");
                return;
            }
            response.set("ETag", resource.etag());
            response.set("Last-Modified", httpDate(lastModified));
            cacheControl.ifPresent(value -> response.set("Cache-Control", value));
            Optional<String> notModified = notModified(resource, ifNoneMatch, ifModifiedSince);
            if (notModified.isPresent()) {
                send(exchange, new Served(method, path, 304, true), "Not Modified", null, null,
                        " (" + notModified.get() + ")");
            } else {
                send(exchange, new Served(method, path, 200, conditional), "OK", resource.body(),
                        resource.contentType(), conditional ? " (the validators did not match)" : "");
            }
        }
    }

    /** Why the client's copy is still good, or empty when it is not (RFC 9110 13.2.2's order). */
    private Optional<String> notModified(Resource resource, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.strip();
                // GET compares weakly: W/"x" matches "x".
                if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(resource.etag())) {
                    return Optional.of("If-None-Match " + tag + " matches");
                }
            }
            return Optional.empty();
        }
        if (ifModifiedSince != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                if (!since.isBefore(lastModified)) {
                    return Optional.of("not modified since " + ifModifiedSince);
                }
            } catch (DateTimeParseException e) {
                // RFC 9110: an If-Modified-Since that is not a valid date is ignored.
            }
        }
        return Optional.empty();
    }

    private void send(HttpExchange exchange, Served what, String reason, byte[] body, String contentType,
            String note) throws IOException {
        synchronized (this) {
            served.add(what);
        }
        log.println(what.method() + " " + exchange.getRequestURI() + " -> " + what.status() + " " + reason + note);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = body == null || what.method().equals("HEAD");
        exchange.sendResponseHeaders(what.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** IMF-fixdate (RFC 9110 5.6.7): Java's RFC_1123 formatter drops the day's leading zero, HTTP needs it. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant.atZone(ZoneOffset.UTC));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Stops at once, closing open connections, and waits for the request threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
