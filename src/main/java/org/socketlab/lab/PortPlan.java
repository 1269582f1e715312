package org.socketlab.lab;

import static org.socketlab.lab.Roles.SERVER;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;
import org.socketlab.model.Event;
import org.socketlab.model.PortMapping;
import org.socketlab.net.Transport;
import org.socketlab.wire.LabHost;
import org.socketlab.programs.ProgramCommand;

/**
 * The scenario's port plan: which real port stands for each lab port a feature names, the same one for the whole
 * scenario. On a lab host of its own the lab's port is the real port. Elsewhere each is mapped to a port free for
 * TCP and UDP below the ephemeral range, recorded for the report and watched on the wire, so scenarios run side
 * by side; a program with its port written inside it gets that very port, and its scenario runs alone. A port
 * outside 1–65535 is passed through unchanged, so the programs report it themselves.
 */
final class PortPlan {
    /** Real ports are picked from here up to the ephemeral range, above the lab's usual ports. */
    private static final int PICK_FROM = 20_000;
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    /**
     * Real ports handed out in this JVM: a port is free when picked and taken only later, by a server, so the
     * scenario running beside this one must not pick it in between.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** Held, until its scenario closes, by the scenario running a program whose port is written inside it. */
    private static final ReentrantLock HARD_CODED_PORTS = new ReentrantLock();

    private final ScenarioRecorder recorder;
    private final ProgramSite site;
    private final ScenarioCapture capture;
    private final Map<Integer, Integer> realPorts = new HashMap<>();
    /** Ports "no server on ..." checked free: a datagram sent there is known to reach no one. */
    private final Set<LabPort> verifiedFree = new HashSet<>();
    /** Set once a program got its ports as the feature wrote them: every lab port is then its own real port. */
    private boolean portsAsWritten;

    private record LabPort(Transport transport, int port) {
    }

    PortPlan(ScenarioRecorder recorder, ProgramSite site, ScenarioCapture capture) {
        this.recorder = recorder;
        this.site = site;
        this.capture = capture;
    }

    /** The real port standing for a lab port in this scenario, chosen free for both TCP and UDP on first use. */
    int realPort(int labPort) {
        if (outOfRange(labPort)) {
            return labPort;
        }
        if (ProgramSite.isolated()) {
            site.labHost();
            keepOwnNumber(labPort); // on its own lab host, the lab's port is the real port
            return labPort;
        }
        if (portsAsWritten) {
            if (keepOwnNumber(labPort) == null) {
                capture.watch(labPort);
            }
            return labPort;
        }
        return realPorts.computeIfAbsent(labPort, lab -> {
            int real = freePort();
            recorder.port(new PortMapping(lab, real));
            capture.watch(real);
            return real;
        });
    }

    /**
     * Takes the lab port as its own real port, and records it as one of the scenario's ports (the sequence
     * diagram tells the server's side by it); returns the real port it had already, if any.
     */
    private Integer keepOwnNumber(int labPort) {
        Integer before = realPorts.putIfAbsent(labPort, labPort);
        if (before == null) {
            recorder.port(new PortMapping(labPort, labPort));
        }
        return before;
    }

    /**
     * The real port for a program that may have its port written inside it. Without lab hosts such a program can
     * only use that port: this scenario takes the lab's port as the real one, and runs alone while it holds it (a
     * lock until the scenario closes).
     */
    int portFor(ProgramCommand command, int labPort) {
        if (ProgramSite.isolated() || command.takesPort() || outOfRange(labPort)) {
            return realPort(labPort);
        }
        runAlone("on the real port " + labPort + ", because a program's port is written inside it");
        Integer mapped = keepOwnNumber(labPort);
        if (mapped != null && mapped != labPort) {
            throw new TestAbortedException("the program has port " + labPort + " written inside it, and this "
                    + "scenario had already mapped that port to " + mapped + "; pass the port with {port}");
        }
        return labPort;
    }

    /**
     * For a program whose ports are in the arguments a feature wrote (the generic steps' {@code runs with "{host}
     * 12000"}): nothing can map them, so without a lab host every lab port of the scenario is from now on its own
     * real port, and the scenario runs alone, as for a program with its port written inside it. On a lab host they
     * are already.
     */
    void keepPortsAsWritten() {
        if (ProgramSite.isolated() || portsAsWritten) {
            return;
        }
        realPorts.forEach((lab, real) -> {
            if (!lab.equals(real)) {
                throw new TestAbortedException("a program is given its ports as the feature writes them, and this "
                        + "scenario had already mapped port " + lab + " to " + real + "; without a lab host, start the "
                        + "program before the steps that use its ports");
            }
        });
        runAlone("on the real ports the feature writes, because a program is given them in its arguments");
        portsAsWritten = true;
    }

    /** Holds the lock that one scenario at a time may hold, until the scenario closes; says why, once. */
    private void runAlone(String why) {
        if (!HARD_CODED_PORTS.isHeldByCurrentThread()) {
            HARD_CODED_PORTS.lock();
            recorder.note("No lab host: this scenario ran alone, " + why + ".");
        }
    }

    /** Lets the next scenario with a hard-coded port run; the lock is held by this scenario's thread. */
    void releaseHardCodedPort() {
        while (HARD_CODED_PORTS.isHeldByCurrentThread()) {
            HARD_CODED_PORTS.unlock();
        }
    }

    private static boolean outOfRange(int port) {
        return port < 1 || port > 65_535;
    }

    /** Whether a port seen on the wire is one of this scenario's real ports. */
    boolean isScenarioPort(int realPort) {
        return realPorts.containsValue(realPort);
    }

    /**
     * The line a feature expects as the programs print it in this run: they print the real ports, the feature
     * names the lab's ({@code 127.0.0.1:12000/tcp}). The console is kept as printed; the report shows the mapping.
     */
    String withRealPorts(String line) {
        return NUMBER.matcher(line).replaceAll(number -> {
            Integer real = number.group().length() > 5 ? null : realPorts.get(Integer.parseInt(number.group()));
            return real == null ? number.group() : String.valueOf(real);
        });
    }

    /**
     * Makes sure nothing is bound to the lab port's real port, by binding it for a moment; on a lab host this JVM
     * may not enter, by reading the lab host's socket table.
     */
    void expectFree(Transport transport, int labPort) {
        int real = realPort(labPort);
        InetSocketAddress address = new InetSocketAddress(site.address(), real);
        LabHost labHost = site.labHostOrNull();
        try {
            if (labHost != null && !LabHost.jvmMayJoin()) {
                if (labHost.sockets().bound(transport.label(), real)) {
                    throw new IOException("the lab host's socket table shows it bound");
                }
            } else {
                site.onLabHost(() -> {
                    bindAndRelease(transport, address);
                    return null;
                });
            }
            verifiedFree.add(new LabPort(transport, labPort));
            recorder.event(SERVER, SERVER, Event.Kind.NOTE,
                    "nothing listens on " + labPort + "/" + transport.label());
        } catch (Exception e) {
            String observed = "something is bound to real port " + real + ": " + e.getMessage();
            recorder.check("nothing listens on " + labPort + "/" + transport.label(), observed, false);
            throw new AssertionError("lab port " + labPort + "/" + transport.label() + " (real port " + real
                    + ") should be free, but " + observed, e);
        }
    }

    /** Whether {@link #expectFree} found the lab port free in this scenario. */
    boolean verifiedFree(Transport transport, int labPort) {
        return verifiedFree.contains(new LabPort(transport, labPort));
    }

    private static void bindAndRelease(Transport transport, InetSocketAddress address) throws IOException {
        if (transport == Transport.UDP) {
            new DatagramSocket(address).close();
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
        }
    }

    /** A port free for both TCP and UDP, never one handed out before in this JVM. */
    private int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freshPort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("found no port not handed out before on " + site.host() + " in 100 attempts");
    }

    /**
     * A port free for both TCP and UDP now, picked below the system's ephemeral range: a port taken with bind(0)
     * comes from that range, where a client in a scenario running beside this one could take the same number as
     * its source port before our server binds it.
     */
    private int freshPort() {
        InetAddress address = site.address();
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = below > PICK_FROM + 1000 ? ThreadLocalRandom.current().nextInt(PICK_FROM, below) : 0;
            try (ServerSocket tcp = new ServerSocket(candidate, 1, address);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // taken for TCP or UDP: try another
            }
        }
        throw new IllegalStateException("found no port free for both TCP and UDP on " + site.host()
                + " in 100 attempts");
    }

    /** The lowest port the system hands out for bind(0) and outgoing connections (Linux: usually 32768). */
    private static int ephemeralRangeStart() {
        try {
            // readString trusts the size /proc reports and can return a partial line; read it as lines.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }
}
