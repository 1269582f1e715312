package org.socketlab.lab;

import static org.socketlab.lab.Roles.CLIENT;
import static org.socketlab.lab.Roles.SERVER;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.socketlab.model.ConsoleLine;
import org.socketlab.net.ClientRun;
import org.socketlab.net.Durations;
import org.socketlab.net.Outcome;

/**
 * The expectations on the scenario's programs: the last client's reply, outcome and console lines, and the
 * servers' console lines and failure to start. Each records a check and fails showing both sides when it is not
 * met. A line a feature expects names the lab's ports, and also matches the line printed with the real ones.
 */
final class ProgramChecks {
    /** How long a step waits for a server to print a line it expects: servers print within milliseconds. */
    private static final Duration SERVER_PRINT_WAIT = Duration.ofSeconds(2);

    private final ScenarioRecorder recorder;
    private final PortPlan ports;
    private final LabServers servers;
    private final LabClients clients;
    private final ExternalRoles external;

    ProgramChecks(ScenarioRecorder recorder, PortPlan ports, LabServers servers, LabClients clients,
            ExternalRoles external) {
        this.recorder = recorder;
        this.ports = ports;
        this.servers = servers;
        this.clients = clients;
        this.external = external;
    }

    void expectReply(String reply) {
        ClientRun run = clients.lastRun();
        // A student's client prints the reply its own way ("From Server:  ASMAA"): its reply line shows it.
        boolean met = reply.equals(run.reply()) || clients.studentsClientStarted() && run.reply() != null
                && new ConsoleLine(0, ConsoleLine.OUT, run.reply()).shows(reply);
        recorder.verify("the client receives \"" + reply + "\"", observed(run), met);
    }

    /**
     * A line in socket-lab's own wording (an error message of its own): checked when socket-lab's client ran;
     * for the student's program the report notes that it was not checked, and why.
     */
    void expectOwnClientPrints(String line) {
        if (clients.studentsClientStarted()) {
            recorder.note("Not checked: the client prints \"" + line + "\" is socket-lab's own wording; the "
                    + "student's program says it in its own words (see its console).");
            return;
        }
        expectClientPrints(line);
    }

    /** A whole line the last client printed, on either stream (not an earlier client's). */
    void expectClientPrints(String line) {
        expectPrinted(CLIENT, line, clients.consoleFrom(), Duration.ZERO);
    }

    void expectClientFails(Outcome outcome) {
        ClientRun run = clients.lastRun();
        recorder.verify("the client fails with " + outcome.phrase(), observed(run), run.outcome() == outcome);
    }

    /**
     * No reply came within the given time. The client gave up after its own timeout; if that is shorter than the
     * time the feature names, this run cannot tell what came later, and the step says how to fix the feature.
     */
    void expectNoReplyWithin(Duration within) {
        ClientRun run = clients.lastRun();
        Duration waited = clients.timeout();
        if (run.outcome() == Outcome.NO_REPLY && waited.compareTo(within) < 0) {
            recorder.check("the client gets no reply within " + Durations.format(within),
                    "cannot tell: the client waited only " + Durations.format(waited), false);
            throw new AssertionError("the client waited only " + Durations.format(waited)
                    + ", so this run cannot show that no reply came within " + Durations.format(within)
                    + "; add 'Given clients wait " + within.toSeconds() + " seconds for a reply' before sending");
        }
        recorder.verify("the client gets no reply within " + Durations.format(within), observed(run),
                run.outcome() == Outcome.NO_REPLY);
    }

    void expectServerFails(Outcome outcome) {
        LabServers.Failure failure = servers.lastFailure();
        String observed = failure == null ? "every server started"
                : failure.outcome().phrase() + ": " + failure.message();
        recorder.verify("the server fails with " + outcome.phrase(), observed,
                failure != null && failure.outcome() == outcome);
    }

    /** Waits (bounded) for the server to print the line: servers print on their own threads. */
    void expectServerPrints(String line) {
        expectPrinted(SERVER, line, 0, SERVER_PRINT_WAIT);
    }

    /** Waits for each line in turn, each on a later console line than the previous one. */
    void expectServerPrintsLines(List<String> lines) {
        Transcript server = recorder.transcript(SERVER);
        String expected = "the server prints these lines:\n" + String.join("\n", lines);
        int next = 0;
        for (String line : lines) {
            OptionalInt found = server.awaitIndex(showing(line), next, SERVER_PRINT_WAIT);
            if (found.isEmpty()) {
                recorder.verify(expected, "no line \"" + line + "\" (in order) in:\n" + server.text(), false);
            }
            next = found.getAsInt() + 1;
        }
        recorder.check(expected, "all printed, in order", true);
    }

    private void expectPrinted(String role, String line, int from, Duration wait) {
        Transcript console = recorder.transcript(role);
        boolean found = console.awaitIndex(showing(line), from, wait).isPresent();
        recorder.verify("the " + role + " prints \"" + line + "\"",
                found ? "printed" : "not printed; the " + role + "'s console:\n" + console.text(), found);
    }

    /** A printed line that shows the expected one, as the feature wrote it or with the real ports in it. */
    private Predicate<ConsoleLine> showing(String line) {
        String withRealPorts = ports.withRealPorts(line);
        return printed -> printed.shows(line) || printed.shows(withRealPorts);
    }

    /** The observed side for a client's run: its reply, or its failure with the cause. */
    private String observed(ClientRun run) {
        if (run.failure() == null && external.lastEnding() != null) {
            return external.lastEnding().observed();
        }
        return switch (run.outcome()) {
            case REPLY -> "the client received \"" + run.reply() + "\"";
            default -> run.outcome().phrase() + ": " + run.failure().getMessage() + " ("
                    + run.failure().causeClass() + ": " + run.failure().causeMessage() + ")";
        };
    }
}
