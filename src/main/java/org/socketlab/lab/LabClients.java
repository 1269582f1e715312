package org.socketlab.lab;

import static org.socketlab.lab.Roles.CLIENT;
import static org.socketlab.lab.Roles.SERVER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;
import org.socketlab.model.Event;
import org.socketlab.model.ProgramRun;
import org.socketlab.net.ClientOptions;
import org.socketlab.net.ClientProgram;
import org.socketlab.net.ClientRun;
import org.socketlab.net.Durations;
import org.socketlab.net.LabException;
import org.socketlab.net.LineClient;
import org.socketlab.net.Limits;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;
import org.socketlab.programs.ProgramCommand;

/**
 * Runs the scenario's clients where its programs run: the student's when a program is named for the role
 * ({@link ExternalRoles}), else socket-lab's own, in this JVM. A client is started (TCP: connects) and left at its
 * prompt until it is sent its sentence, or run from start to end; Part 2's line client sends its lines. Keeps the
 * last run and where the last client's console lines begin, for the checks.
 */
final class LabClients {
    private final ScenarioRecorder recorder;
    private final ProgramSite site;
    private final PortPlan ports;
    private final ExternalRoles external;
    private final ClientNarration narration;
    /** A JVM starting socket-lab's own client as a command takes well under this before it counts its timeout. */
    private static final Duration OWN_JVM_START = Duration.ofSeconds(10);
    private Duration timeout = Limits.CLIENT_TIMEOUT;
    /** The client started last; null before the first. */
    private ClientStart started;
    /** socket-lab's own client while it waits at its prompt; null once it has sent, or when it is the student's. */
    private ClientProgram waiting;
    private ClientRun lastRun;
    private int consoleFrom;

    LabClients(ScenarioRecorder recorder, ProgramSite site, PortPlan ports, ExternalRoles external,
            ClientNarration narration) {
        this.recorder = recorder;
        this.site = site;
        this.ports = ports;
        this.external = external;
        this.narration = narration;
    }

    /** How long clients wait for a connection and a reply (the CLI's {@code --timeout}). */
    void timeout(Duration newTimeout) {
        this.timeout = newTimeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Opens a client now (TCP: connects) and lets it wait at its prompt until {@link #sends}. */
    void start(String targetHost, Transport transport, int labPort, boolean connected) {
        String role = transport.label() + "-client" + (connected ? "-connected" : "");
        Optional<ProgramCommand> named = connected ? external.connectedClient() : external.program(role);
        Optional<RolePlayer> player = external.player(role, named, site.ownInProcess(), ownOptions(targetHost));
        closeWaiting();
        external.forgetLastEnding();
        consoleFrom = recorder.transcript(CLIENT).lines().size();
        started = new ClientStart(targetHost, transport, labPort, connected, player.orElse(null), recorder.now());
        if (player.isPresent()) {
            startAsCommand(player.get(), role);
            return;
        }
        ClientOptions options = options(targetHost, labPort, connected);
        try {
            waiting = site.onLabHost(() -> ClientProgram.start(transport, options, recorder.transcript(CLIENT)));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the client on the lab host: " + e.getMessage(), e);
        }
        ClientRun failure = waiting.startFailure();
        if (failure != null) {
            lastRun = failure;
            narration.recordOwnRun(started, null, failure, true, timeout);
        } else {
            recorder.event(CLIENT, CLIENT, Event.Kind.NOTE, transport == Transport.TCP
                    ? "connected to " + labPort + "/tcp, waiting for input"
                    : "socket open, nothing sent yet");
        }
    }

    /** socket-lab's own client as a command: the options its CLI takes, the port and host filled in later. */
    private List<String> ownOptions(String targetHost) {
        List<String> options = new ArrayList<>(List.of("--port", ProgramCommand.PORT, "--timeout",
                Durations.format(timeout)));
        if (!targetHost.equals(ShownCommand.DEFAULT_HOST)) {
            options.addAll(List.of("--host", ProgramCommand.HOST));
        }
        return options;
    }

    /**
     * How long to wait for a client run as a command: the scenario's wait; socket-lab's own gives up by itself
     * after it, so it also gets the time a JVM takes to start.
     */
    private Duration commandWait() {
        return started.player().own() ? timeout.plus(OWN_JVM_START) : timeout;
    }

    private void startAsCommand(RolePlayer player, String role) {
        ProgramCommand command = player.command();
        if (!started.host().equals(site.host()) && !command.takesHost()) {
            throw new TestAbortedException("the " + role + " takes no {host}: it sends to the address written "
                    + "inside it, and this scenario needs it to reach " + started.host() + "; pass it with {host} in "
                    + "lab.program." + role);
        }
        int real = ports.portFor(command, started.labPort());
        external.startClient(player, role, started.host(), real, site.placement(command.projectDir()));
        if (external.startedClientEnded()) {
            lastRun = external.clientSends(null, started.transport(), commandWait());
            narration.narrate(started, null, lastRun, true, timeout);
        }
    }

    /** The client started earlier reads the sentence at its prompt and sends it. */
    ClientRun sends(String sentence) {
        if (started != null && started.asCommand()) {
            recorder.transcript(CLIENT); // the console exists from the start
            if (lastRun != null && external.startedClientEnded()) {
                return lastRun;
            }
            lastRun = external.clientSends(sentence, started.transport(), commandWait());
            narration.narrate(started, sentence, lastRun, false, timeout);
            return lastRun;
        }
        if (waiting == null) {
            throw new IllegalStateException("no client was started: add a step like "
                    + "'Given the UDP client is started for port 12000' before this one");
        }
        recorder.transcript(CLIENT).type(sentence);
        lastRun = waiting.converse();
        if (waiting.startFailure() == null) {
            narration.recordOwnRun(started, sentence, lastRun, false, timeout);
        }
        closeWaiting();
        return lastRun;
    }

    /** Runs a client from start to end, as running the seed's script with the sentence typed at its prompt. */
    ClientRun send(String targetHost, Transport transport, int labPort, String sentence, boolean connected) {
        lastRun = null;
        start(targetHost, transport, labPort, connected);
        if (started.asCommand()) {
            return lastRun != null ? lastRun : sends(sentence);
        }
        return waiting.startFailure() != null ? lastRun : sends(sentence);
    }

    /** Sends lines to a line server over TCP and closes, as {@code socket-lab line-client} does. */
    void sendLines(int labPort, List<String> lines) {
        long at = recorder.now();
        long startNanos = System.nanoTime();
        String command = "socket-lab line-client --port " + labPort + ShownCommand.hostOption(site.host(), "--host")
                + lines.stream().map(line -> " --line " + ShownCommand.quoted(line)).collect(Collectors.joining());
        consoleFrom = recorder.transcript(CLIENT).lines().size();
        if (!site.ownInProcess()) {
            sendLinesAsCommand(labPort, lines, at);
            return;
        }
        try {
            ClientOptions options = options(site.host(), labPort, false);
            long bytes = site.onLabHostOrThrow(() -> LineClient.send(options, lines));
            recorder.transcript(CLIENT).println("Sent " + lines.size() + " lines (" + bytes + " bytes)");
            recorder.run(new ProgramRun(CLIENT, command, "sent", null, null, null, null, at,
                    ShownCommand.microsSince(startNanos)));
            recorder.event(at, CLIENT, SERVER, Event.Kind.CONNECT, "connected to " + labPort + "/tcp");
            recorder.event(CLIENT, SERVER, Event.Kind.DATA, lines.size() + " lines (" + bytes + " bytes), then FIN");
        } catch (LabException e) {
            recorder.transcript(CLIENT).printError("error: " + e.getMessage());
            lastRun = new ClientRun(e.outcome(), null, e, Duration.ofNanos(System.nanoTime() - startNanos));
            recorder.run(new ProgramRun(CLIENT, command, e.outcome().phrase(), null, e.causeClass(),
                    e.causeMessage(), e.getMessage(), at, ShownCommand.microsSince(startNanos)));
            if (e.outcome() == Outcome.CONNECTION_REFUSED) {
                recorder.event(CLIENT, SERVER, Event.Kind.REFUSED, "connection to " + labPort + "/tcp refused");
            }
        }
    }

    /** {@code socket-lab line-client} as a command inside the lab host, run to its end. */
    private void sendLinesAsCommand(int labPort, List<String> lines, long at) {
        List<String> options = new ArrayList<>(ownOptions(site.host()));
        options.subList(2, 4).clear(); // the line client has no --timeout
        lines.forEach(line -> options.addAll(List.of("--line", line)));
        RolePlayer player = RolePlayer.own("line-client", options);
        started = new ClientStart(site.host(), Transport.TCP, labPort, false, player, at);
        external.startClient(player, "line-client", site.host(), ports.realPort(labPort),
                site.placement(player.command().projectDir()));
        ClientRun run = external.clientSends(null, Transport.TCP, commandWait());
        if (run.outcome() == Outcome.REPLY) { // its exit status 0: the lines were sent
            recorder.event(at, CLIENT, SERVER, Event.Kind.CONNECT, "connected to " + labPort + "/tcp");
            recorder.event(CLIENT, SERVER, Event.Kind.DATA, lines.size() + " lines, then FIN");
        } else {
            lastRun = run;
            if (run.outcome() == Outcome.CONNECTION_REFUSED) {
                recorder.event(CLIENT, SERVER, Event.Kind.REFUSED, "connection to " + labPort + "/tcp refused");
            }
        }
    }

    private ClientOptions options(String targetHost, int labPort, boolean connected) {
        return ClientOptions.to(targetHost, ports.realPort(labPort)).withTimeout(timeout).withConnected(connected);
    }

    /** The last client's run, for the checks; a check before any client ran is a mistake in the feature. */
    ClientRun lastRun() {
        if (lastRun == null) {
            throw new IllegalStateException("no client has run yet: add a 'When the ... client sends ...' step first");
        }
        return lastRun;
    }

    /** Whether the client started last is the student's program, which words its output its own way. */
    boolean studentsClientStarted() {
        return started != null && started.studentsProgram();
    }

    /** Where the last client's lines begin on the client console. */
    int consoleFrom() {
        return consoleFrom;
    }

    private void closeWaiting() {
        if (waiting != null) {
            waiting.close();
            waiting = null;
        }
    }

    /** Closes socket-lab's own client if it still waits at its prompt; the student's close with ExternalRoles. */
    void close() {
        closeWaiting();
    }
}
