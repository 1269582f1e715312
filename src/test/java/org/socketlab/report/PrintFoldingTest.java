package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.Header;
import org.socketlab.model.HttpExchange;
import org.socketlab.model.ScenarioObservations;

/**
 * What the printed report shortens and what it folds: a long console's middle (print only), the browser's own
 * requests (one line per host, on screen and in print), and what results.json keeps of a flooding console.
 */
class PrintFoldingTest {

    @Test
    void aLongConsolePrintsItsFirstAndLastLinesAndKeepsEveryLineOnScreen() {
        List<ConsoleLine> proxy = IntStream.rangeClosed(1, 100)
                .mapToObj(n -> new ConsoleLine(n, ConsoleLine.OUT, "proxy line " + n)).toList();
        String html = new ReportRenderer(null).render(withConsole(proxy));

        // On screen: all 100 lines (the first 40 shown, the rest folded into <details>).
        IntStream.rangeClosed(1, 100).forEach(n -> assertThat(html).contains(">proxy line " + n + "</span>"));
        // In print: lines 1-6, then the gap, then 98-100; lines 7-40 are wrapped in the span print hides.
        assertThat(html).containsSubsequence(">proxy line 6</span>\n<span class=\"fold\">", ">proxy line 40</span>\n"
                + "</span></pre>", "<pre class=\"print-only\"><span class=\"gap\">… 91 lines not shown (all of them "
                + "in results.json and on screen)</span>", ">proxy line 98</span>", ">proxy line 100</span>");
    }

    @Test
    void aShortConsolePrintsWhole() {
        List<ConsoleLine> server = IntStream.rangeClosed(1, 12)
                .mapToObj(n -> new ConsoleLine(n, ConsoleLine.OUT, "server line " + n)).toList();
        String html = new ReportRenderer(null).render(withConsole(server));
        assertThat(html).doesNotContain("lines not shown", "<span class=\"fold\">");
    }

    @Test
    void theBrowsersOwnRequestsFoldIntoOneLinePerHostAndThePagesOwnStayWhole() {
        List<HttpExchange> exchanges = List.of(
                exchange(1, "GET http://clients2.google.com/time/1/current?cup2key=1 HTTP/1.1", false, 403),
                exchange(1, "CONNECT accounts.google.com:443 HTTP/1.1", false, 403),
                exchange(1, "CONNECT www.google.com:443 HTTP/1.1", false, 403),
                exchange(1, "GET http://lab.test/ HTTP/1.1", true, 200),
                exchange(1, "CONNECT www.google.com:443 HTTP/1.1", false, 403),
                // the page's own request that the proxy answered itself (its origin gone): shown whole
                exchange(1, "GET http://lab.test/logo.svg HTTP/1.1", false, 502),
                exchange(2, "CONNECT www.google.com:443 HTTP/1.1", false, 403),
                exchange(2, "GET http://lab.test/ HTTP/1.1", true, 304));

        List<ReportView.Load> loads = ReportView.loads(exchanges);

        assertThat(loads.get(0).exchanges()).extracting(HttpExchange::requestLine).containsExactly(
                "GET http://lab.test/ HTTP/1.1", "GET http://lab.test/logo.svg HTTP/1.1");
        assertThat(loads.get(0).background()).containsExactly(
                new BackgroundRequests.Host("clients2.google.com", 1, "GET", "403"),
                new BackgroundRequests.Host("accounts.google.com:443", 1, "CONNECT", "403"),
                new BackgroundRequests.Host("www.google.com:443", 2, "CONNECT", "403"));
        assertThat(loads.get(1).exchanges()).hasSize(1);
        assertThat(loads.get(1).background()).containsExactly(
                new BackgroundRequests.Host("www.google.com:443", 1, "CONNECT", "403"));
    }

    @Test
    void theProxysConsoleFoldsTheBrowsersOwnRequestsIntoOneLinePerHost() {
        List<HttpExchange> exchanges = List.of(
                exchange(1, "CONNECT www.google.com:443 HTTP/1.1", false, 403),
                exchange(1, "GET http://lab.test/ HTTP/1.1", true, 200),
                exchange(1, "CONNECT www.google.com:443 HTTP/1.1", false, 403));
        List<ReportView.TerminalLine> console = List.of(
                new ReportView.TerminalLine("command", "socket-lab proxy --port 3128"),
                new ReportView.TerminalLine("out", "Proxy listening on 127.0.0.1:3128"),
                new ReportView.TerminalLine("out", "[127.0.0.1:40001] CONNECT www.google.com:443"),
                new ReportView.TerminalLine("out", "[127.0.0.1:40001] answered by the proxy, not forwarded: 403"),
                new ReportView.TerminalLine("out", "[127.0.0.1:40002] GET http://lab.test/ HTTP/1.1"),
                new ReportView.TerminalLine("out", "[127.0.0.1:40003] CONNECT www.google.com:443"),
                new ReportView.TerminalLine("out", "[127.0.0.1:40002] Host: lab.test"),
                new ReportView.TerminalLine("out", "[127.0.0.1:40003] answered by the proxy, not forwarded: 403"),
                new ReportView.TerminalLine("out", "[127.0.0.1:40002] response from lab.test: HTTP/1.1 200 OK"));
        List<ReportView.Terminal> terminals = List.of(new ReportView.Terminal("proxy", console),
                new ReportView.Terminal("origin", console.subList(4, 5)));

        List<ReportView.Terminal> folded = ProxyConsoleFold.apply(terminals, exchanges);

        assertThat(folded.get(0).lines()).extracting(ReportView.TerminalLine::text).containsExactly(
                "socket-lab proxy --port 3128", "Proxy listening on 127.0.0.1:3128",
                "… www.google.com:443 ×2: the browser's own, answered by the proxy, never forwarded (4 lines, in "
                        + "results.json)",
                "[127.0.0.1:40002] GET http://lab.test/ HTTP/1.1", "[127.0.0.1:40002] Host: lab.test",
                "[127.0.0.1:40002] response from lab.test: HTTP/1.1 200 OK");
        assertThat(folded.get(0).lines().get(2).kind()).isEqualTo("folded");
        assertThat(folded.get(1)).isEqualTo(terminals.get(1)); // only the proxy's console
        assertThat(ProxyConsoleFold.apply(terminals, exchanges.subList(1, 2))).isSameAs(terminals);
    }

    @Test
    void aConsoleOverTheCapIsCutAndTheScenarioSaysSo() {
        String line = "x".repeat(400_000);
        List<ConsoleLine> flood = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flood.add(new ConsoleLine(i, ConsoleLine.OUT, line));
        }
        ScenarioObservations observed = new ScenarioObservations(null,
                Map.of("server", flood, "client", List.of(new ConsoleLine(0, ConsoleLine.OUT, "hello"))),
                null, null, null, null, null, List.of("a note of the steps"));

        ScenarioObservations capped = ConsoleCap.apply(observed);

        assertThat(capped.consoles().get("server")).hasSize(2); // 2 × 400,100 bytes fit in 1 MiB, 3 do not
        assertThat(capped.consoles().get("client")).hasSize(1);
        assertThat(capped.notes()).containsExactly("a note of the steps", "The server's console printed 3 more lines "
                + "(1.1 MB) after its first 0.8 MB: they were dropped and are not in results.json, which keeps at most "
                + "1.0 MB of each program's console (a line counting 100 bytes beside its text).");
        assertThat(ConsoleCap.apply(capped)).isSameAs(capped);
    }

    @Test
    void aMillionEmptyLinesAreCutByWhatTheyCostInResultsJsonNotByTheirText() {
        List<ConsoleLine> newlines = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            newlines.add(new ConsoleLine(i, ConsoleLine.OUT, ""));
        }
        ScenarioObservations observed = new ScenarioObservations(null, Map.of("client", newlines), null, null, null,
                null, null, List.of());

        ScenarioObservations capped = ConsoleCap.apply(observed);

        // 1 MiB of text, as the output limit lets through, but 100 MB of results.json: 10,485 lines are kept.
        assertThat(capped.consoles().get("client")).hasSize((1 << 20) / ConsoleCap.LINE_RECORD_BYTES);
    }

    private static HttpExchange exchange(int load, String requestLine, boolean forwarded, int status) {
        return new HttpExchange(load, "Chromium 150", requestLine, List.of(new Header("User-Agent", "Chrome")),
                false, forwarded, status, "HTTP/1.1 " + status, List.of(), load * 100L);
    }

    private static LabReport withConsole(List<ConsoleLine> lines) {
        ScenarioResult scenario = ReportFixture.scenario("A long console", 3, "PASSED", null, List.of(), List.of(),
                List.of(), ReportFixture.observations(Map.of("proxy", lines), List.of(), List.of(), List.of(),
                        List.of(), List.of(), List.of()));
        return LabReport.of(ReportFixture.run(), ReportFixture.cover(), ReportFixture.machine(),
                List.of(new FeatureResult("file:features/7.feature", "7.feature", "Feature", "Consoles", List.of(),
                        List.of(scenario))));
    }
}
