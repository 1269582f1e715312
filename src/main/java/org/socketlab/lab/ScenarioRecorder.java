package org.socketlab.lab;

import org.socketlab.model.Check;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.Event;
import org.socketlab.model.HttpExchange;
import org.socketlab.model.Packet;
import org.socketlab.model.PortMapping;
import org.socketlab.model.ProgramRun;
import org.socketlab.model.ScenarioObservations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what one scenario observes, from the steps' thread and the servers' threads alike (thread-safe).
 * {@link #snapshot()} gives the immutable {@link ScenarioObservations} the report renders.
 */
public final class ScenarioRecorder {
    private final long startNanos = System.nanoTime();
    private final long startEpochMicros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
            java.time.Instant.now());
    private final Map<String, Transcript> transcripts = new LinkedHashMap<>();
    private final List<PortMapping> ports = new ArrayList<>();
    private final List<ProgramRun> runs = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<HttpExchange> http = new ArrayList<>();
    private final List<Packet> packets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Milliseconds since the scenario started. */
    public long now() {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /** When the scenario started, in microseconds since the epoch: packet capture times count from it. */
    public long startEpochMicros() {
        return startEpochMicros;
    }

    /** The console of a program role, created on first use; the same one for every program of that role. */
    public synchronized Transcript transcript(String role) {
        return transcripts.computeIfAbsent(role, r -> new Transcript(this::now));
    }

    public synchronized void port(PortMapping mapping) {
        ports.add(mapping);
    }

    public synchronized void run(ProgramRun run) {
        runs.add(run);
    }

    public void event(String from, String to, Event.Kind kind, String label) {
        event(now(), from, to, kind, label);
    }

    /** An event that happened earlier than now, at the given milliseconds since the start. */
    public synchronized void event(long atMillis, String from, String to, Event.Kind kind, String label) {
        events.add(new Event(atMillis, from, to, kind, label));
    }

    /** Records the comparison and returns whether it was met, so a step can fail with both sides shown. */
    public synchronized boolean check(String expected, String observed, boolean met) {
        checks.add(new Check(expected, observed, met));
        return met;
    }

    /** Records the comparison, and fails with both sides shown when it was not met. */
    public void verify(String expected, String observed, boolean met) {
        if (!check(expected, observed, met)) {
            throw new AssertionError("expected: " + expected + "\n but observed: " + observed);
        }
    }

    public synchronized void http(HttpExchange exchange) {
        http.add(exchange);
    }

    public synchronized void packets(List<Packet> captured) {
        packets.addAll(captured);
    }

    public synchronized void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    public synchronized ScenarioObservations snapshot() {
        Map<String, List<ConsoleLine>> consoles = new LinkedHashMap<>();
        transcripts.forEach((role, transcript) -> consoles.put(role, transcript.lines()));
        List<Event> inOrder = events.stream().sorted(java.util.Comparator.comparingLong(Event::atMillis)).toList();
        return new ScenarioObservations(List.copyOf(ports), consoles, List.copyOf(runs), inOrder,
                List.copyOf(checks), List.copyOf(http), List.copyOf(packets), List.copyOf(notes));
    }
}
