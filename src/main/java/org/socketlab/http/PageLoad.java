package org.socketlab.http;

import java.util.List;
import java.util.Optional;
import org.socketlab.model.HttpExchange;

/**
 * One page load of a {@link ConditionalGetExperiment}: how the client saw it, and every exchange that crossed the
 * proxy meanwhile, in the order the proxy finished them.
 *
 * @param number    1 for the first load, 2 for the second, ...
 * @param client    which client ran, e.g. {@code Chromium 150.0.7871.100}
 * @param result    whether the page loaded, and how long it took
 * @param exchanges everything the proxy saw: the lab's requests (forwarded) and, for Chromium, its background
 *                  requests to Google hosts, answered 403 by the proxy (not forwarded)
 */
public record PageLoad(int number, String client, LoadResult result, List<HttpExchange> exchanges) {
    public PageLoad {
        exchanges = List.copyOf(exchanges);
    }

    /** The requests the proxy forwarded to the lab's origin: the page, its objects, and Chromium's favicon. */
    public List<HttpExchange> forwarded() {
        return exchanges.stream().filter(HttpExchange::forwarded).toList();
    }

    /** The requests the proxy answered itself (403): a browser's background traffic to other hosts. */
    public List<HttpExchange> notForwarded() {
        return exchanges.stream().filter(e -> !e.forwarded()).toList();
    }

    /** The forwarded requests for the page and the objects it references ({@link LabOrigin#PAGE_OBJECTS}). */
    public List<HttpExchange> pageObjects() {
        return forwarded().stream().filter(e -> LabOrigin.PAGE_OBJECTS.contains(path(e))).toList();
    }

    /** The first forwarded request for a path, e.g. {@code request("/style.css")}. */
    public Optional<HttpExchange> request(String path) {
        return forwarded().stream().filter(e -> path(e).equals(path)).findFirst();
    }

    /**
     * The path a request line asks for, whether absolute-form or origin-form: {@code /style.css} for
     * {@code GET http://lab.test/style.css HTTP/1.1}; the query is dropped.
     */
    public static String path(HttpExchange exchange) {
        String[] parts = exchange.requestLine().split(" ");
        if (parts.length < 2) {
            return "";
        }
        String target = parts[1];
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            int slash = target.indexOf('/', 7);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}
