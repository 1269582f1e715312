package org.socketlab.lab;

import static org.socketlab.lab.Roles.SERVER;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.socketlab.model.Event;
import org.socketlab.model.ProgramRun;
import org.socketlab.net.Endpoints;
import org.socketlab.net.LabException;
import org.socketlab.net.LineServer;
import org.socketlab.net.Outcome;
import org.socketlab.net.TcpUppercaseServer;
import org.socketlab.net.Transport;
import org.socketlab.net.UdpUppercaseServer;
import org.socketlab.programs.ProgramCommand;

/**
 * Starts the scenario's servers where its programs run: the student's when a program is named for the role
 * ({@link ExternalRoles}), else socket-lab's own, in this JVM, kept open until the scenario closes. Remembers
 * where servers listen, for the narration, and how the last one that tried to start failed, for the checks.
 */
final class LabServers {
    /** How the last server that tried to start failed, in its own words. */
    record Failure(Outcome outcome, String message) {
    }

    private record Listener(Transport transport, int labPort, String host) {
    }

    /** Starts socket-lab's own server for a role on the address; it serves on threads of its own. */
    private interface OwnServer {
        AutoCloseable start(InetSocketAddress address) throws LabException;
    }

    private final ScenarioRecorder recorder;
    private final ProgramSite site;
    private final PortPlan ports;
    private final ExternalRoles external;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Set<Listener> listening = new HashSet<>();
    private Failure lastFailure;

    LabServers(ScenarioRecorder recorder, ProgramSite site, PortPlan ports, ExternalRoles external) {
        this.recorder = recorder;
        this.site = site;
        this.ports = ports;
        this.external = external;
    }

    /** Starts an uppercase server and records a failure to start instead of failing, for "Then the server fails". */
    Optional<String> tryStartUppercase(Transport transport, int labPort) {
        return tryStart(transport.label() + "-server", transport, labPort, address -> transport == Transport.UDP
                ? UdpUppercaseServer.start(address, recorder.transcript(SERVER))
                : TcpUppercaseServer.start(address, recorder.transcript(SERVER)));
    }

    /** Starts Part 2's line server; a failure to start fails the step with the program's own message. */
    void startLineServer(int labPort) {
        OwnServer own = address -> LineServer.start(address, recorder.transcript(SERVER));
        tryStart("line-server", Transport.TCP, labPort, own).ifPresent(failure -> {
            throw new AssertionError("the line server could not start: " + failure);
        });
    }

    private Optional<String> tryStart(String role, Transport transport, int labPort, OwnServer own) {
        Optional<RolePlayer> player = external.player(role, external.program(role), site.ownInProcess(),
                ownOptions());
        if (player.isPresent()) {
            return startAsCommand(player.get(), role, transport, labPort);
        }
        String command = "socket-lab " + role + " --port " + labPort + ShownCommand.hostOption(site.host(), "--bind");
        return startOwn(command, transport, labPort, own);
    }

    /** socket-lab's own server as a command: the options its CLI takes, the port and host filled in later. */
    private List<String> ownOptions() {
        List<String> options = new ArrayList<>(List.of("--port", ProgramCommand.PORT));
        if (!site.host().equals(ShownCommand.DEFAULT_HOST)) {
            options.addAll(List.of("--bind", ProgramCommand.HOST));
        }
        return options;
    }

    /**
     * Starts the server as a command (the student's, or socket-lab's own where it cannot run in this JVM) and
     * waits until its socket shows bound.
     */
    private Optional<String> startAsCommand(RolePlayer player, String role, Transport transport, int labPort) {
        int real = ports.portFor(player.command(), labPort);
        ProgramEnding failure = external.startServer(player, role, transport, site.host(), labPort, real,
                site.placement(player.command().projectDir()));
        if (failure == null) {
            listensNow(transport, labPort);
            return Optional.empty();
        }
        couldNotStart(new Failure(failure.outcome(), failure.observed()));
        return Optional.of(failure.observed());
    }

    private Optional<String> startOwn(String command, Transport transport, int labPort, OwnServer own) {
        long at = recorder.now();
        long started = System.nanoTime();
        try {
            InetSocketAddress address = Endpoints.local(site.host(), ports.realPort(labPort), transport);
            open.add(site.onLabHostOrThrow(() -> own.start(address)));
            recorder.run(new ProgramRun(SERVER, command, "started", null, null, null, null, at,
                    ShownCommand.microsSince(started)));
            listensNow(transport, labPort);
            return Optional.empty();
        } catch (LabException e) {
            recorder.transcript(SERVER).printError("error: " + e.getMessage());
            recorder.run(new ProgramRun(SERVER, command, e.outcome().phrase(), null, e.causeClass(),
                    e.causeMessage(), e.getMessage(), at, ShownCommand.microsSince(started)));
            couldNotStart(new Failure(e.outcome(), e.getMessage()));
            return Optional.of(e.getMessage());
        }
    }

    private void listensNow(Transport transport, int labPort) {
        markListening(transport, labPort, site.host());
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "listening on " + labPort + "/" + transport.label());
        lastFailure = null; // "the server fails with" speaks of the last server started
    }

    private void couldNotStart(Failure failure) {
        lastFailure = failure;
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "could not start: " + failure.outcome().phrase());
    }

    /**
     * Starts socket-lab's own server as a command that {@code place} puts elsewhere (inside the second host),
     * bound to {@code bind}, and waits until its socket shows bound; a failure fails the step with its words.
     */
    void startOwnCommandElsewhere(Transport transport, int labPort, String bind, UnaryOperator<List<String>> place) {
        String role = transport.label() + "-server";
        RolePlayer player = RolePlayer.own(role, List.of("--port", ProgramCommand.PORT, "--bind", bind));
        ProgramEnding failure = external.startServer(player, role, transport, bind, labPort,
                ports.realPort(labPort), place);
        if (failure != null) {
            throw new AssertionError("the server on the second host could not start: " + failure.observed());
        }
    }

    /** Keeps a server started elsewhere (on the second host) open until the scenario closes. */
    void keepOpen(AutoCloseable server) {
        open.add(server);
    }

    /** Notes that a server listens on the lab port at that host. */
    void markListening(Transport transport, int labPort, String host) {
        listening.add(new Listener(transport, labPort, host));
    }

    boolean listens(Transport transport, int labPort, String host) {
        return listening.contains(new Listener(transport, labPort, host));
    }

    /** How the last server that tried to start failed; null when it started. */
    Failure lastFailure() {
        return lastFailure;
    }

    /** Closes every server kept open, each on its own turn of the closer. */
    void closeAll(Closer closer) {
        open.forEach(server -> closer.run(server::close));
        open.clear();
    }
}
