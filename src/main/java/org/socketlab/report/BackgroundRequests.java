package org.socketlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.socketlab.model.HttpExchange;

/**
 * A browser's own requests in a page load: Chromium asks Google's hosts for updates, sign-in and time even with
 * background networking off ({@code CONNECT accounts.google.com:443}, ...), and the lab proxy answers them itself
 * without forwarding them. They say nothing about the page's caching, so the report folds them into one line per
 * host with a count, and the page's own requests stay whole.
 *
 * <p>A request is the browser's own when the proxy did not forward it and its host is none of the hosts the
 * proxy forwarded to in the scenario; so a page request the proxy had to answer itself (its origin down) still
 * shows whole, as long as another request reached that origin.
 */
public final class BackgroundRequests {
    private BackgroundRequests() {
    }

    /**
     * One host's background requests in one load.
     *
     * @param host     e.g. {@code accounts.google.com:443} for a CONNECT, {@code clients2.google.com} for a GET
     * @param count    how many
     * @param requests their methods, e.g. {@code CONNECT}, joined by commas
     * @param answers  the proxy's answers, e.g. {@code 403}, joined by commas
     */
    public record Host(String host, int count, String requests, String answers) {
    }

    /** The hosts requests were forwarded to, in any load of the scenario. */
    static Set<String> pageHosts(List<HttpExchange> exchanges) {
        return exchanges.stream().filter(HttpExchange::forwarded).map(BackgroundRequests::host)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static boolean isBackground(HttpExchange exchange, Set<String> pageHosts) {
        return !exchange.forwarded() && !pageHosts.contains(host(exchange));
    }

    /** A load's background requests, one entry per host in the order the hosts first asked. */
    static List<Host> fold(List<HttpExchange> load, Set<String> pageHosts) {
        Map<String, List<HttpExchange>> byHost = new LinkedHashMap<>();
        load.stream().filter(exchange -> isBackground(exchange, pageHosts))
                .forEach(exchange -> byHost.computeIfAbsent(host(exchange), h -> new ArrayList<>()).add(exchange));
        return byHost.entrySet().stream().map(e -> new Host(e.getKey(), e.getValue().size(),
                distinct(e.getValue().stream().map(BackgroundRequests::method).toList()),
                distinct(e.getValue().stream().map(x -> x.status() > 0 ? String.valueOf(x.status())
                        : "no response").toList()))).toList();
    }

    /** The values once each, in the order they first came. */
    private static String distinct(List<String> values) {
        return values.stream().distinct().collect(Collectors.joining(", "));
    }

    private static String method(HttpExchange exchange) {
        String line = exchange.requestLine() == null ? "" : exchange.requestLine();
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    /**
     * The request's host: a CONNECT's target ({@code host:port}), an absolute-form URL's host, or its
     * {@code Host} header for an origin-form request.
     */
    static String host(HttpExchange exchange) {
        String[] parts = (exchange.requestLine() == null ? "" : exchange.requestLine()).split(" ");
        String host = hostOf(parts[0], parts.length > 1 ? parts[1] : "");
        if (!host.isEmpty() || exchange.requestHeaders() == null) {
            return host;
        }
        return exchange.requestHeaders().stream().filter(header -> "host".equalsIgnoreCase(header.name()))
                .map(header -> header.value()).findFirst().orElse("");
    }

    /** A CONNECT's target ({@code host:port}), an absolute-form URL's host; empty for an origin-form target. */
    static String hostOf(String method, String target) {
        if ("CONNECT".equals(method)) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return "";
        }
        String rest = target.substring(scheme + 3);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
