package org.socketlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socketlab.model.HttpExchange;
import org.socketlab.report.ReportView.Terminal;
import org.socketlab.report.ReportView.TerminalLine;

/**
 * Folds the browser's own requests (see {@link BackgroundRequests}) out of socket-lab's proxy console, on screen
 * and in print: each host's requests become one line with a count, where its first request was. The page's own
 * requests stay whole. All the lines stay in {@code results.json}.
 *
 * <p>Reads the proxy's own console format: every line starts with the client's address in brackets, and a request
 * starts with its request line ({@code [127.0.0.1:43440] CONNECT accounts.google.com:443}); the lines after it
 * with the same address (headers, the proxy's answer) belong to it until that client's next request line. Only the
 * console of the role {@value #ROLE} is folded, and only by hosts the proxy recorded as never forwarded.
 */
final class ProxyConsoleFold {
    static final String ROLE = "proxy";
    /** The kind of the line that stands for a host's folded requests. */
    static final String FOLDED = "folded";

    private static final Pattern TAGGED = Pattern.compile("^\\[([^\\]]+)\\] (.*)$");
    private static final Pattern REQUEST_LINE = Pattern.compile(
            "^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|TRACE|CONNECT) (\\S+)( HTTP/\\d(\\.\\d)?)?$");

    private ProxyConsoleFold() {
    }

    static List<Terminal> apply(List<Terminal> terminals, List<HttpExchange> exchanges) {
        Set<String> pageHosts = BackgroundRequests.pageHosts(exchanges);
        Set<String> background = new TreeSet<>();
        exchanges.stream().filter(exchange -> BackgroundRequests.isBackground(exchange, pageHosts))
                .map(BackgroundRequests::host).forEach(background::add);
        if (background.isEmpty()) {
            return terminals;
        }
        return terminals.stream().map(terminal -> ROLE.equals(terminal.role())
                ? new Terminal(terminal.role(), fold(terminal.lines(), background)) : terminal).toList();
    }

    private static List<TerminalLine> fold(List<TerminalLine> lines, Set<String> background) {
        Map<String, String> requestHostOfClient = new LinkedHashMap<>();
        Map<String, int[]> countsOfHost = new LinkedHashMap<>(); // requests, lines
        Map<String, Integer> placeOfHost = new LinkedHashMap<>();
        List<TerminalLine> kept = new ArrayList<>();
        for (TerminalLine line : lines) {
            Matcher tagged = TAGGED.matcher(line.text());
            if (!tagged.matches() || "command".equals(line.kind())) {
                kept.add(line);
                continue;
            }
            String client = tagged.group(1);
            Matcher request = REQUEST_LINE.matcher(tagged.group(2));
            if (request.matches()) {
                String host = BackgroundRequests.hostOf(request.group(1), request.group(2));
                requestHostOfClient.put(client, background.contains(host) ? host : null);
                if (background.contains(host)) {
                    countsOfHost.computeIfAbsent(host, h -> new int[2])[0]++;
                }
            }
            String host = requestHostOfClient.get(client);
            if (host == null) {
                kept.add(line);
                continue;
            }
            countsOfHost.get(host)[1]++;
            if (!placeOfHost.containsKey(host)) {
                placeOfHost.put(host, kept.size());
                kept.add(null); // the host's one line, written once its count is known
            }
        }
        placeOfHost.forEach((host, place) -> {
            int[] counts = countsOfHost.get(host);
            kept.set(place, new TerminalLine(FOLDED, "… " + host + " ×" + counts[0] + ": the browser's own, "
                    + "answered by the proxy, never forwarded (" + counts[1] + " lines, in results.json)"));
        });
        return List.copyOf(kept);
    }
}
