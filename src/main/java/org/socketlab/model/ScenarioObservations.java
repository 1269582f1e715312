package org.socketlab.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a scenario's steps observed, the evidence the report shows. Immutable: a snapshot of the
 * {@link ScenarioRecorder} when the scenario ended.
 *
 * @param ports    lab port to real port
 * @param consoles each program role's console ({@code client}, {@code server}, ...), in the order they appeared
 * @param runs     the programs run, as commands
 * @param events   what crossed between the parties, for the sequence diagram
 * @param checks   the feature's expectations against what was observed
 * @param http     HTTP exchanges seen by the proxy (Part 2)
 * @param packets  packets captured on the scenario's ports
 * @param notes    remarks the report shows: which client ran, why there is no trace, why a step was skipped
 */
public record ScenarioObservations(List<PortMapping> ports, Map<String, List<ConsoleLine>> consoles,
        List<ProgramRun> runs, List<Event> events, List<Check> checks, List<HttpExchange> http,
        List<Packet> packets, List<String> notes) {

    /** Copies every list; a missing one (a results.json written by hand or by an older version) is empty. */
    public ScenarioObservations {
        ports = ports == null ? List.of() : List.copyOf(ports);
        consoles = consoles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(consoles)); // in order
        runs = runs == null ? List.of() : List.copyOf(runs);
        events = events == null ? List.of() : List.copyOf(events);
        checks = checks == null ? List.of() : List.copyOf(checks);
        http = http == null ? List.of() : List.copyOf(http);
        packets = packets == null ? List.of() : List.copyOf(packets);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static ScenarioObservations empty() {
        return new ScenarioObservations(List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }
}
