package org.socketlab.lab;

import static org.socketlab.lab.Roles.SERVER;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.socketlab.model.Event;
import org.socketlab.model.ProgramRun;
import org.socketlab.net.TcpUppercaseServer;
import org.socketlab.net.Transport;
import org.socketlab.net.UdpUppercaseServer;
import org.socketlab.wire.LabHost;
import org.socketlab.wire.SecondHost;

/**
 * The scenario's second host: a network namespace with an address of its own, joined by a veth pair, a server on
 * it and its firewall. Where scenarios get lab hosts it is made inside the lab host ({@link LabHost.SecondHostLink})
 * and socket-lab's server runs in this JVM, on a thread that joined it. Elsewhere it is made beside this host
 * ({@link SecondHost}), its link is captured too, and the server is a JVM started inside it, from the jar.
 */
final class SecondHostLab {
    /** A JVM starting inside the second host prints its ready line within a second or two. */
    private static final Duration JVM_START = Duration.ofSeconds(20);

    private final ScenarioRecorder recorder;
    private final ProgramSite site;
    private final ScenarioCapture capture;
    private final PortPlan ports;
    private final LabServers servers;
    /** The second host inside the scenario's lab host; null unless made there. */
    private LabHost.SecondHostLink link;
    /** The second host beside this host, where scenarios get no lab host; null unless made here. */
    private SecondHost beside;

    SecondHostLab(ScenarioRecorder recorder, ProgramSite site, ScenarioCapture capture, PortPlan ports,
            LabServers servers) {
        this.recorder = recorder;
        this.site = site;
        this.capture = capture;
        this.ports = ports;
        this.servers = servers;
    }

    /** Why a second host cannot be made here, or empty. */
    static Optional<String> unavailable() {
        return ProgramSite.isolated() ? Optional.empty() : SecondHost.unavailable();
    }

    /** Why the second host's firewall cannot be set here, if it cannot. */
    static Optional<String> firewallUnavailable() {
        return ProgramSite.isolated() ? LabHost.firewallUnavailable() : SecondHost.firewallUnavailable();
    }

    /** Makes the second host, once per scenario. */
    void add() {
        if (beside != null || link != null) {
            return;
        }
        if (ProgramSite.isolated()) {
            try {
                link = site.labHost().addSecondHost();
            } catch (IOException e) {
                throw new IllegalStateException("could not make the second host: " + e.getMessage(), e);
            }
            recorder.note("Second host: network namespace " + link.name() + " at " + link.address()
                    + ", joined to the lab host (" + link.localAddress() + ") by a veth pair.");
            recorder.event(SERVER, SERVER, Event.Kind.NOTE, "second host " + link.address());
            return;
        }
        try {
            beside = SecondHost.create();
        } catch (IOException e) {
            throw new IllegalStateException("could not make the second host: " + e.getMessage(), e);
        }
        recorder.note("Second host: network namespace " + beside.name() + " at " + beside.address()
                + ", joined to this host (" + beside.localAddress() + ") by a veth pair.");
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "second host " + beside.address());
        capture.watchLinkTo(beside);
    }

    /** The second host's address, for a client on the lab host to send to. */
    String address() {
        return link != null ? link.address() : madeBeside().address();
    }

    private SecondHost madeBeside() {
        if (beside == null) {
            throw new IllegalStateException("no second host: add 'Given a second host' first");
        }
        return beside;
    }

    /**
     * Runs socket-lab's uppercase server inside the second host, bound to the second host's address, or to its
     * own loopback when {@code loopbackOnly}.
     */
    void startServer(Transport transport, int labPort, boolean loopbackOnly) {
        if (link != null && !LabHost.jvmMayJoin()) {
            String bind = loopbackOnly ? "127.0.0.1" : link.address();
            servers.startOwnCommandElsewhere(transport, labPort, bind,
                    command -> site.labHost().commandInSecondHost(link, command, Path.of("").toAbsolutePath()));
            listening(transport, labPort, bind, loopbackOnly);
        } else if (link != null) {
            startServerInThisJvm(transport, labPort, loopbackOnly);
        } else {
            startServerJvm(transport, labPort, loopbackOnly);
        }
    }

    /** socket-lab's own server, in this JVM, on a thread that joined the second host's namespace. */
    private void startServerInThisJvm(Transport transport, int labPort, boolean loopbackOnly) {
        String bind = loopbackOnly ? "127.0.0.1" : link.address();
        InetSocketAddress address = new InetSocketAddress(bind, ports.realPort(labPort));
        long at = recorder.now();
        long started = System.nanoTime();
        try {
            Transcript console = recorder.transcript(SERVER);
            servers.keepOpen(site.labHost().insideSecondHost(link, () -> transport == Transport.UDP
                    ? UdpUppercaseServer.start(address, console) : TcpUppercaseServer.start(address, console)));
        } catch (Exception e) {
            throw new AssertionError("the server on the second host could not start: " + e.getMessage(), e);
        }
        recorder.run(new ProgramRun(SERVER, shownCommand(transport, bind, labPort), "started", null, null, null,
                null, at, ShownCommand.microsSince(started)));
        listening(transport, labPort, bind, loopbackOnly);
    }

    /** {@code socket-lab tcp-server} (or udp-server) as a JVM of its own inside the second host, from the jar. */
    private void startServerJvm(Transport transport, int labPort, boolean loopbackOnly) {
        String bind = loopbackOnly ? "127.0.0.1" : madeBeside().address();
        int real = ports.realPort(labPort);
        List<String> command = new ArrayList<>(SocketLabCommand.javaCommand());
        command.addAll(List.of(transport.label() + "-server", "--bind", bind, "--port", String.valueOf(real)));
        long at = recorder.now();
        long started = System.nanoTime();
        Transcript console = recorder.transcript(SERVER);
        try {
            beside.start(command, (stream, text) -> console.println(text));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the server on the second host: " + e.getMessage(), e);
        }
        boolean ready = console.await(line -> line.text().equals(UdpUppercaseServer.READY), JVM_START).isPresent();
        recorder.run(new ProgramRun(SERVER, shownCommand(transport, bind, labPort),
                ready ? "started" : "did not start", null, null, null, null, at, ShownCommand.microsSince(started)));
        if (!ready) {
            throw new AssertionError("the server on the second host did not print \"" + UdpUppercaseServer.READY
                    + "\" within " + JVM_START.toSeconds() + " s; its console:\n" + console.text());
        }
        listening(transport, labPort, bind, loopbackOnly);
    }

    private static String shownCommand(Transport transport, String bind, int labPort) {
        return "socket-lab " + transport.label() + "-server --bind " + bind + " --port " + labPort
                + "   (on the second host)";
    }

    private void listening(Transport transport, int labPort, String bind, boolean loopbackOnly) {
        // Bound to the second host's own loopback, it answers only inside the second host: no client here reaches it.
        if (!loopbackOnly) {
            servers.markListening(transport, labPort, bind);
        }
        recorder.event(SERVER, SERVER, Event.Kind.NOTE,
                "listening on " + bind + ":" + labPort + "/" + transport.label());
    }

    /** A firewall rule on the second host for the port: {@code DROP} (silently) or {@code REJECT} (ICMP). */
    void firewall(Transport transport, int labPort, String target) {
        try {
            if (link != null) {
                site.labHost().firewall(link, transport.label(), ports.realPort(labPort), target);
            } else {
                madeBeside().firewall(transport.label(), ports.realPort(labPort), target);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not add the firewall rule: " + e.getMessage(), e);
        }
        recorder.event(SERVER, SERVER, Event.Kind.NOTE,
                "firewall " + target + "s " + labPort + "/" + transport.label());
        recorder.note("The second host's firewall " + (target.equals("DROP") ? "drops" : "rejects") + " incoming "
                + transport + " to port " + labPort + " (iptables -A INPUT -p " + transport.label() + " --dport "
                + labPort + " -j " + target + ").");
    }

    /** Removes a second host made beside this one; one inside the lab host goes with the lab host. */
    void close() {
        SecondHost closing = beside;
        beside = null;
        link = null;
        if (closing != null) {
            closing.close();
        }
    }
}
