package org.socketlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.HttpExchange;
import org.socketlab.model.Packet;
import org.socketlab.model.ProgramRun;
import org.socketlab.model.ScenarioObservations;

/**
 * What the templates see besides the {@link LabReport} itself: the questions numbered, each scenario's
 * consoles as terminals, its sequence diagram laid out, its HTTP exchanges grouped by page load. Derived from
 * the report alone, so a report re-rendered from {@code results.json} is the same page.
 *
 * @param report    the model, as written to {@code results.json}
 * @param questions the features in the assignment's order, numbered from 1
 */
public record ReportView(LabReport report, List<Question> questions) {

    /**
     * @param number    1, 2, ... in the assignment's order
     * @param anchor    the section's id, e.g. {@code q3}
     * @param feature   the feature
     * @param summary   its row of the summary table
     * @param scenarios its scenarios
     */
    public record Question(int number, String anchor, FeatureResult feature, QuestionSummary summary,
            List<ScenarioView> scenarios) {
    }

    /**
     * @param anchor    the scenario's id in the page, e.g. {@code q3-s2}
     * @param scenario  the scenario
     * @param terminals its programs' consoles, client first, each with the commands typed into it
     * @param diagram   its sequence diagram, or null when nothing crossed
     * @param loads     its HTTP exchanges, one column per page load
     * @param packets   the packets the table lists: all of a short trace; of a long one (a browser's), those
     *                  that carry a message, at most {@link #PACKET_ROWS}
     */
    public record ScenarioView(String anchor, ScenarioResult scenario, List<Terminal> terminals,
            SequenceDiagram diagram, List<Load> loads, List<Packet> packets) {
    }

    static final int PACKET_ROWS = 60;

    /**
     * One program role's console.
     *
     * @param role  {@code client}, {@code server}, {@code browser}, {@code proxy}, {@code origin}, ...
     * @param lines what it showed, with the commands run in it as {@code command} lines
     */
    public record Terminal(String role, List<TerminalLine> lines) {
    }

    /**
     * @param kind {@code command} (typed at the shell prompt), {@code out} or {@code err}
     * @param text the line
     */
    public record TerminalLine(String kind, String text) {
    }

    /**
     * @param number     1 for the first page load, 2 for the second, ...
     * @param exchanges  the page's own requests in the order the proxy saw them
     * @param background the browser's own requests the proxy answered itself, one entry per host (see
     *                   {@link BackgroundRequests})
     */
    public record Load(int number, List<HttpExchange> exchanges, List<BackgroundRequests.Host> background) {
        /** How many of its requests were conditional. */
        public long conditional() {
            return exchanges.stream().filter(HttpExchange::conditional).count();
        }
    }

    /** Consoles in the order a reader expects them: who starts the conversation on the left. */
    private static final List<String> ROLE_ORDER = List.of("client", "browser", "proxy", "server", "origin");

    static ReportView of(LabReport report) {
        List<Question> questions = new ArrayList<>();
        for (FeatureResult feature : report.features()) {
            int number = questions.size() + 1;
            QuestionSummary summary = report.summary().questions().stream()
                    .filter(row -> row.file().equals(feature.file())).findFirst()
                    .orElse(QuestionSummary.of(feature));
            List<ScenarioView> scenarios = new ArrayList<>();
            for (ScenarioResult scenario : feature.scenarios()) {
                ScenarioObservations observed = scenario.observations();
                scenarios.add(new ScenarioView("q" + number + "-s" + (scenarios.size() + 1), scenario,
                        ProxyConsoleFold.apply(terminals(observed), observed.http()), SequenceDiagram.of(observed),
                        loads(observed.http()),
                        packetRows(observed.packets())));
            }
            questions.add(new Question(number, "q" + number, feature, summary, scenarios));
        }
        return new ReportView(report, questions);
    }

    /** A short trace whole; of a long one the packets that carry data, so the messages are not lost in ACKs. */
    static List<Packet> packetRows(List<Packet> packets) {
        List<Packet> rows = packets.size() <= PACKET_ROWS ? packets
                : packets.stream().filter(packet -> packet.length() > 0 || SequenceDiagram.isIcmp(packet)).toList();
        return rows.subList(0, Math.min(rows.size(), PACKET_ROWS));
    }

    /** Each role's console, with the commands run in it put where they were typed: before what they printed. */
    static List<Terminal> terminals(ScenarioObservations observed) {
        Map<String, List<ConsoleLine>> consoles = observed.consoles() == null ? Map.of() : observed.consoles();
        List<String> roles = new ArrayList<>(consoles.keySet());
        observed.runs().stream().map(ProgramRun::role).filter(role -> role != null && !roles.contains(role))
                .forEach(roles::add);
        List<String> appearance = List.copyOf(roles);
        roles.sort(Comparator.comparingInt(role -> ROLE_ORDER.contains(role) ? ROLE_ORDER.indexOf(role)
                : ROLE_ORDER.size() + appearance.indexOf(role)));
        List<Terminal> terminals = new ArrayList<>();
        for (String role : roles) {
            List<ProgramRun> runs = observed.runs().stream().filter(run -> role.equals(run.role()))
                    .sorted(Comparator.comparingLong(ProgramRun::atMillis)).toList();
            List<TerminalLine> lines = new ArrayList<>();
            int next = 0;
            for (ConsoleLine line : consoles.getOrDefault(role, List.of())) {
                for (; next < runs.size() && runs.get(next).atMillis() <= line.atMillis(); next++) {
                    lines.add(new TerminalLine("command", runs.get(next).command()));
                }
                lines.add(new TerminalLine(ConsoleLine.ERR.equals(line.stream()) ? "err" : "out", line.text()));
            }
            for (; next < runs.size(); next++) {
                lines.add(new TerminalLine("command", runs.get(next).command()));
            }
            terminals.add(new Terminal(role, lines));
        }
        return terminals;
    }

    static List<Load> loads(List<HttpExchange> exchanges) {
        Map<Integer, List<HttpExchange>> byLoad = new LinkedHashMap<>();
        exchanges.stream().sorted(Comparator.comparingInt(HttpExchange::load))
                .forEach(exchange -> byLoad.computeIfAbsent(exchange.load(), n -> new ArrayList<>()).add(exchange));
        Set<String> pageHosts = BackgroundRequests.pageHosts(exchanges);
        return byLoad.entrySet().stream().map(e -> new Load(e.getKey(), e.getValue().stream()
                .filter(exchange -> !BackgroundRequests.isBackground(exchange, pageHosts)).toList(),
                BackgroundRequests.fold(e.getValue(), pageHosts))).toList();
    }
}
