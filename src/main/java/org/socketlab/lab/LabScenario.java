package org.socketlab.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.socketlab.model.Check;
import org.socketlab.net.ClientRun;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;
import org.socketlab.programs.ProgramSettings;
import org.socketlab.wire.LabHost;

/**
 * One scenario's lab bench: runs the project's own programs, or the student's, for the steps of a feature file,
 * and records what they print and how they end into a {@link ScenarioRecorder}.
 *
 * <p>The ports a feature names are the lab's ports. Each is mapped to a free real port, the same one for the
 * whole scenario, so scenarios run in parallel and on machines where port 12000 is busy; both numbers are
 * recorded, and commands are shown with the lab's port, as a student would type them. A port outside 1–65535 is
 * passed through unchanged, so the programs themselves report it.
 *
 * <p>Expectations ({@code expect...}) record a {@link Check} and throw {@link AssertionError} showing the expected
 * and the observed side when they disagree. Not thread-safe: one scenario's steps run on one thread.
 *
 * <p>This class is the steps' one entry point; each job is a class of its own in this package: where programs
 * run ({@link ProgramSite}), the port plan ({@link PortPlan}), the packet trace ({@link ScenarioCapture}), servers
 * ({@link LabServers}), the second host ({@link SecondHostLab}), clients ({@link LabClients}) and the checks on
 * programs ({@link ProgramChecks}) and on the wire ({@link WireChecks}).
 */
public final class LabScenario implements AutoCloseable {
    /** The client's role: its console and runs are recorded under this name. */
    public static final String CLIENT = Roles.CLIENT;
    /** The server's role: its console and runs are recorded under this name. */
    public static final String SERVER = Roles.SERVER;

    private final ScenarioRecorder recorder;
    /** The roles the student's own programs play in this scenario. */
    private final ProgramSettings programSettings;
    private final ExternalRoles external;
    private final ScenarioCapture capture;
    private final ProgramSite site;
    private final PortPlan ports;
    private final LabServers servers;
    private final SecondHostLab secondHost;
    private final LabClients clients;
    private final ProgramChecks programChecks;
    private final WireChecks wireChecks;
    private NamedPrograms namedPrograms;

    public LabScenario(ScenarioRecorder recorder) {
        this(recorder, ProgramSettings.current());
    }

    public LabScenario(ScenarioRecorder recorder, ProgramSettings programs) {
        this.recorder = recorder;
        this.programSettings = programs;
        this.external = new ExternalRoles(programs, recorder);
        this.capture = new ScenarioCapture(recorder);
        this.site = new ProgramSite(recorder, capture);
        this.ports = new PortPlan(recorder, site, capture);
        this.servers = new LabServers(recorder, site, ports, external);
        this.secondHost = new SecondHostLab(recorder, site, capture, ports, servers);
        this.clients = new LabClients(recorder, site, ports, external, new ClientNarration(recorder, ports, servers));
        this.programChecks = new ProgramChecks(recorder, ports, servers, clients, external);
        this.wireChecks = new WireChecks(recorder, capture, ports);
    }

    public ScenarioRecorder recorder() {
        return recorder;
    }

    /** The generic steps' programs: any program named {@code lab.program.NAME}, on this scenario's lab host. */
    public NamedPrograms programs() {
        if (namedPrograms == null) {
            namedPrograms = new NamedPrograms(site, ports, recorder, programSettings);
        }
        return namedPrograms;
    }

    /** Servers bind, and clients send to, this address instead of 127.0.0.1 (e.g. {@code ::1}). */
    public void useHost(String newHost) {
        site.useHost(newHost);
    }

    /** How long clients wait for a connection and a reply (the CLI's {@code --timeout}). */
    public void clientTimeout(Duration timeout) {
        clients.timeout(timeout);
    }

    // ---- where programs run, and their ports ----------------------------------------------------------------

    /** The address the scenario's programs bind and send to. */
    String host() {
        return site.host();
    }

    /** How the browser is put where the scenario's programs run (inside its lab host), run from {@code directory}. */
    java.util.function.UnaryOperator<java.util.List<String>> browserPlacement(java.nio.file.Path directory) {
        return site.browserPlacement(directory);
    }

    /** The real port standing for a lab port in this scenario, chosen free for both TCP and UDP on first use. */
    public int realPort(int labPort) {
        return ports.realPort(labPort);
    }

    /**
     * Whether this scenario runs on a lab host of its own: where namespaces can be made and this JVM may run
     * socket-lab's own programs inside one. Elsewhere ports are mapped on this host's loopback, as the console and
     * the report's cover say once.
     */
    public static boolean isolated() {
        return ProgramSite.isolated();
    }

    /** Whether scenarios get lab hosts of their own in this run, in a line, and why not with the fix. */
    public record Isolation(String summary, String note) {
    }

    public static Isolation isolation() {
        if (isolated()) {
            return new Isolation("each scenario on a lab host of its own (a network namespace with only its "
                    + "loopback and the second host it makes; ports are the lab's ports)"
                    + (LabHost.jvmMayJoin() ? "" : "; socket-lab's own programs run there as commands, since "
                            + "this JVM is not root"), null);
        }
        return new Isolation("none: scenarios share this machine's loopback, their ports mapped to free ones",
                "No lab hosts in this run: " + LabHost.unavailable().orElse("") + ". Programs with a port written "
                        + "inside them run one scenario at a time on that port.");
    }

    /** Captures the port's packets from now on, where tcpdump can run; otherwise notes why there is no trace. */
    public void watchOnWire(int realPort) {
        capture.watch(realPort);
    }

    /** Makes sure nothing is bound to the lab port's real port, by binding it for a moment. */
    public void expectNoServer(Transport transport, int labPort) {
        ports.expectFree(transport, labPort);
    }

    // ---- servers --------------------------------------------------------------------------------------------

    /** Starts an uppercase server; a failure to start fails the step with the program's own message. */
    public void startServer(Transport transport, int labPort) {
        tryStartServer(transport, labPort).ifPresent(failure -> {
            throw new AssertionError("the " + transport + " server could not start: " + failure);
        });
    }

    /** Starts an uppercase server and records a failure to start instead of failing, for "Then the server fails". */
    public Optional<String> tryStartServer(Transport transport, int labPort) {
        return servers.tryStartUppercase(transport, labPort);
    }

    public void startLineServer(int labPort) {
        servers.startLineServer(labPort);
    }

    // ---- clients --------------------------------------------------------------------------------------------

    /** Opens a client now (TCP: connects) and lets it wait at its prompt until {@link #clientSends}. */
    public void startClient(Transport transport, int labPort, boolean connected) {
        clients.start(site.host(), transport, labPort, connected);
    }

    /** The client started earlier reads the sentence at its prompt and sends it. */
    public ClientRun clientSends(String sentence) {
        return clients.sends(sentence);
    }

    /** Runs a client from start to end, as running the seed's script with the sentence typed at its prompt. */
    public ClientRun send(Transport transport, int labPort, String sentence, boolean connected) {
        return clients.send(site.host(), transport, labPort, sentence, connected);
    }

    /** Runs a client on this host against the second host's address. */
    public ClientRun sendToSecondHost(Transport transport, int labPort, String sentence) {
        return clients.send(secondHost.address(), transport, labPort, sentence, false);
    }

    /** Sends lines to a line server over TCP and closes, as {@code socket-lab line-client} does. */
    public void sendLines(int labPort, List<String> lines) {
        clients.sendLines(labPort, lines);
    }

    // ---- a second host ---------------------------------------------------------------------------------------

    /** Why a second host cannot be made here, or empty. */
    public static Optional<String> secondHostUnavailable() {
        return SecondHostLab.unavailable();
    }

    /** Why the second host's firewall cannot be set here, if it cannot. */
    public static Optional<String> secondHostFirewallUnavailable() {
        return SecondHostLab.firewallUnavailable();
    }

    /** Makes the second host (a network namespace joined by a veth pair) and captures its link too. */
    public void addSecondHost() {
        secondHost.add();
    }

    /**
     * Runs {@code socket-lab tcp-server} (or udp-server) inside the second host, bound to the second host's
     * address, or to its own loopback when {@code loopbackOnly}.
     */
    public void startServerOnSecondHost(Transport transport, int labPort, boolean loopbackOnly) {
        secondHost.startServer(transport, labPort, loopbackOnly);
    }

    /** A firewall rule on the second host for the port: {@code DROP} (silently) or {@code REJECT} (ICMP). */
    public void secondHostFirewall(Transport transport, int labPort, String target) {
        secondHost.firewall(transport, labPort, target);
    }

    // ---- the wire -------------------------------------------------------------------------------------------

    /** Why this scenario has no packet trace, or empty when it has one. */
    public Optional<String> wireUnavailable() {
        return capture.unavailable();
    }

    /** A SYN to one of the scenario's ports was answered by a RST from that port. */
    public void expectSynAnsweredByRst() {
        wireChecks.expectSynAnsweredByRst();
    }

    public void expectIcmpPortUnreachable() {
        wireChecks.expectIcmpPortUnreachable();
    }

    public void expectNoIcmp() {
        wireChecks.expectNoIcmp();
    }

    /** No UDP datagram came from one of the scenario's ports: nothing answered. */
    public void expectNoUdpReply() {
        wireChecks.expectNoUdpReply();
    }

    /** Some packet's payload (an HTTP request's headers, say) contains the text. */
    public void expectOnWire(String text) {
        wireChecks.expectOnWire(text);
    }

    // ---- what the programs printed and how they ended ------------------------------------------------------

    public void expectReply(String reply) {
        programChecks.expectReply(reply);
    }

    /**
     * A line in socket-lab's own wording (an error message of its own): checked when socket-lab's client ran;
     * for the student's program the report notes that it was not checked, and why.
     */
    public void expectOwnClientPrints(String line) {
        programChecks.expectOwnClientPrints(line);
    }

    /** A whole line the last client printed, on either stream (not an earlier client's). */
    public void expectClientPrints(String line) {
        programChecks.expectClientPrints(line);
    }

    public void expectClientFails(Outcome outcome) {
        programChecks.expectClientFails(outcome);
    }

    /**
     * No reply came within the given time. The client gave up after its own timeout; if that is shorter than the
     * time the feature names, this run cannot tell what came later, and the step says how to fix the feature.
     */
    public void expectNoReplyWithin(Duration within) {
        programChecks.expectNoReplyWithin(within);
    }

    public void expectServerFails(Outcome outcome) {
        programChecks.expectServerFails(outcome);
    }

    /** Waits (bounded) for the server to print the line: servers print on their own threads. */
    public void expectServerPrints(String line) {
        programChecks.expectServerPrints(line);
    }

    /** Waits for each line in turn, each on a later console line than the previous one. */
    public void expectServerPrintsLines(List<String> lines) {
        programChecks.expectServerPrintsLines(lines);
    }

    /**
     * Keeps the packet trace, then closes every client, server, capture and second host the scenario started;
     * also after a failed step. The trace is read before the captures stop, and the lab host goes last: every
     * process, namespace and capture of the scenario goes with it.
     */
    @Override
    public void close() {
        Closer closer = new Closer(recorder);
        closer.run(clients::close);
        closer.run(external::close);
        if (namedPrograms != null) {
            closer.run(namedPrograms::close);
        }
        closer.run(capture::keepTrace);
        servers.closeAll(closer);
        closer.run(capture::close);
        closer.run(secondHost::close);
        closer.run(site::close);
        ports.releaseHardCodedPort();
        closer.rethrow();
    }
}
