package org.socketlab.lab;

import org.socketlab.model.Check;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.Event;
import org.socketlab.model.PortMapping;
import org.socketlab.model.ProgramRun;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.socketlab.net.ClientOptions;
import org.socketlab.net.ClientProgram;
import org.socketlab.net.ClientRun;
import org.socketlab.net.Durations;
import org.socketlab.net.Endpoints;
import org.socketlab.net.LabException;
import org.socketlab.net.LineClient;
import org.socketlab.net.LineServer;
import org.socketlab.net.Limits;
import org.socketlab.net.Outcome;
import org.socketlab.net.TcpUppercaseServer;
import org.socketlab.net.Transport;
import org.socketlab.net.UdpUppercaseServer;
import org.opentest4j.TestAbortedException;
import org.socketlab.programs.ProgramCommand;
import org.socketlab.programs.ProgramSettings;
import org.socketlab.wire.LabCapture;
import org.socketlab.wire.LabHost;
import org.socketlab.wire.PacketCapture;
import org.socketlab.wire.SecondHost;
import org.socketlab.wire.WirePacket;

/**
 * One scenario's lab bench: runs the project's own programs on loopback for the steps of a feature file, and
 * records what they print and how they end into a {@link ScenarioRecorder}.
 *
 * <p>The ports a feature names are the lab's ports. Each is mapped to a free real port, the same one for the
 * whole scenario, so scenarios run in parallel and on machines where port 12000 is busy; both numbers are
 * recorded, and commands are shown with the lab's port, as a student would type them. A port outside 1–65535 is
 * passed through unchanged, so the programs themselves report it.
 *
 * <p>Expectations ({@code expect...}) record a {@link Check} and throw {@link AssertionError} showing the expected
 * and the observed side when they disagree. Not thread-safe: one scenario's steps run on one thread.
 */
public final class LabScenario implements AutoCloseable {
    public static final String CLIENT = "client";
    public static final String SERVER = "server";
    /** How long a step waits for a server to print a line it expects: servers print within milliseconds. */
    private static final Duration SERVER_PRINT_WAIT = Duration.ofSeconds(2);
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    /** Real ports are picked from here up to the ephemeral range, above the lab's usual ports. */
    private static final int PICK_FROM = 20_000;
    /** A JVM starting inside the second host prints its ready line within a second or two. */
    private static final Duration SECOND_HOST_START = Duration.ofSeconds(20);

    private final ScenarioRecorder recorder;
    private final Map<Integer, Integer> realPorts = new HashMap<>();
    private final Set<String> listening = new HashSet<>();
    /** Ports "no server on ..." checked free: a datagram sent there is known to reach no one. */
    private final Set<String> verifiedFree = new HashSet<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private String host = "127.0.0.1";
    private Duration clientTimeout = Limits.CLIENT_TIMEOUT;
    private ClientProgram startedClient;
    private Transport startedTransport;
    private int startedLabPort;
    private String startedHost;
    private long startedAtMillis;
    private boolean startedConnected;
    private ClientRun lastRun;
    private ServerFailure lastServerFailure;
    /** The roles the student's own programs play in this scenario. */
    private final ExternalRoles external;
    private boolean startedExternal;
    private NamedPrograms namedPrograms;

    /** How the last server that tried to start failed, in its own words. */
    private record ServerFailure(Outcome outcome, String message) {
    }
    private int clientConsoleFrom; // where the last client's lines begin on the client console
    private PacketCapture capture;
    private String captureUnavailable;
    private SecondHost secondHost;
    /** This scenario's own network namespace, made on first use where namespaces can be made; else null. */
    private LabHost labHost;
    private LabCapture labCapture;
    private LabHost.SecondHostLink secondLink;

    public LabScenario(ScenarioRecorder recorder) {
        this(recorder, ProgramSettings.current());
    }

    public LabScenario(ScenarioRecorder recorder, ProgramSettings programs) {
        this.recorder = recorder;
        this.external = new ExternalRoles(programs, recorder);
    }

    public ScenarioRecorder recorder() {
        return recorder;
    }

    /** The generic steps' programs: any program named {@code lab.program.NAME}, on this scenario's lab host. */
    public NamedPrograms programs() {
        if (namedPrograms == null) {
            namedPrograms = new NamedPrograms(this, recorder, ProgramSettings.current());
        }
        return namedPrograms;
    }

    /** The address programs bind and send to: 127.0.0.1 unless the feature chose another. */
    String host() {
        return host;
    }

    /** Makes the lab host now, where scenarios get one, before a program is started on it. */
    void labHostForPrograms() {
        if (isolated()) {
            ensureLabHost();
        }
    }

    LabHost labHostOrNull() {
        return labHost;
    }

    /** Runs socket work where the scenario's programs live; a failure of the lab host itself fails the step. */
    <T> T openOnLabHost(java.util.concurrent.Callable<T> work) {
        labHostForPrograms();
        try {
            return onLabHost(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Servers bind, and clients send to, this address instead of 127.0.0.1 (e.g. {@code ::1}). */
    public void useHost(String newHost) {
        this.host = newHost;
        recorder.note("Programs ran on host " + newHost + ".");
    }

    /** How long clients wait for a connection and a reply (the CLI's {@code --timeout}). */
    public void clientTimeout(Duration timeout) {
        this.clientTimeout = timeout;
    }

    // ---- ports ----------------------------------------------------------------------------------------------

    /** The real port standing for a lab port in this scenario, chosen free for both TCP and UDP on first use. */
    public int realPort(int labPort) {
        if (labPort < 1 || labPort > 65_535) {
            return labPort;
        }
        if (isolated()) {
            ensureLabHost();
            realPorts.putIfAbsent(labPort, labPort); // on its own lab host, the lab's port is the real port
            return labPort;
        }
        return realPorts.computeIfAbsent(labPort, lab -> {
            int real = freePort();
            recorder.port(new PortMapping(lab, real));
            watchOnWire(real);
            return real;
        });
    }

    /**
     * Whether this scenario runs on a lab host of its own: where namespaces can be made and this JVM may run
     * socket-lab's own programs inside one. Elsewhere ports are mapped on this host's loopback, as the console and
     * the report's cover say once.
     */
    public static boolean isolated() {
        return LabHost.unavailable().isEmpty() && LabHost.jvmMayJoin();
    }

    /** Whether scenarios get lab hosts of their own in this run, in a line, and why not with the fix. */
    public record Isolation(String summary, String note) {
    }

    public static Isolation isolation() {
        if (isolated()) {
            return new Isolation("each scenario on a lab host of its own (a network namespace with only its "
                    + "loopback and the second host it makes; ports are the lab's ports)", null);
        }
        String why = LabHost.unavailable().orElse("this JVM is not root, so socket-lab's own programs cannot "
                + "join a lab host; run as root (as CI does)");
        return new Isolation("none: scenarios share this machine's loopback, their ports mapped to free ones",
                "No lab hosts in this run: " + why + ". Programs with a port written inside them run one "
                        + "scenario at a time on that port.");
    }

    /** Makes the scenario's lab host, and starts capturing all its packets where tcpdump can. */
    private LabHost ensureLabHost() {
        if (labHost == null) {
            try {
                labHost = LabHost.create();
            } catch (IOException e) {
                throw new IllegalStateException("could not make the scenario's lab host: " + e.getMessage(), e);
            }
            recorder.note("Ran on a lab host of its own: a network namespace with only its loopback"
                    + " (ports are the lab's ports).");
            if (captureUnavailable == null) {
                try {
                    labCapture = LabCapture.start(labHost);
                } catch (IOException e) {
                    captureUnavailable = e.getMessage();
                    recorder.note("No packet trace: " + captureUnavailable + ".");
                }
            }
        }
        return labHost;
    }

    /** Opens sockets where the scenario's programs live: on its lab host, or here. */
    private <T> T onLabHost(java.util.concurrent.Callable<T> work) throws Exception {
        return labHost != null ? labHost.inside(work) : work.call();
    }

    /** The same, for work that throws only the lab's own exceptions. */
    private <T> T onLabHostOrThrow(java.util.concurrent.Callable<T> work) throws LabException {
        try {
            return onLabHost(work);
        } catch (LabException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Captures the port's packets from now on, where tcpdump can run; otherwise notes why there is no trace. */
    public void watchOnWire(int realPort) {
        if (captureUnavailable != null || labCapture != null) {
            return;
        }
        try {
            ensureCapture();
            capture.watch(realPort);
        } catch (IOException e) {
            captureUnavailable = e.getMessage();
            recorder.note("No packet trace: " + captureUnavailable + ".");
        }
    }

    private void ensureCapture() throws IOException {
        if (capture == null) {
            capture = PacketCapture.onLoopback();
        }
    }

    /**
     * Real ports handed out in this JVM: a port is free when picked and taken only later, by a server, so the
     * scenario running beside this one must not pick it in between.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port free for both TCP and UDP, picked below the system's ephemeral range: a port taken with bind(0)
     * comes from that range, where a client in a scenario running beside this one could take the same number
     * as its source port before our server binds it. Never one handed out before in this JVM.
     */
    private int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freshPort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("found no port not handed out before on " + host + " in 100 attempts");
    }

    private int freshPort() {
        InetAddress address = loopbackAddress();
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = below > PICK_FROM + 1000
                    ? java.util.concurrent.ThreadLocalRandom.current().nextInt(PICK_FROM, below) : 0;
            try (ServerSocket tcp = new ServerSocket(candidate, 1, address);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // taken for TCP or UDP: try another
            }
        }
        throw new IllegalStateException("found no port free for both TCP and UDP on " + host + " in 100 attempts");
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

    private InetAddress loopbackAddress() {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalStateException("the lab host " + host + " does not resolve", e);
        }
    }

    /** Makes sure nothing is bound to the lab port's real port, by binding it for a moment. */
    public void expectNoServer(Transport transport, int labPort) {
        int real = realPort(labPort);
        InetSocketAddress address = new InetSocketAddress(loopbackAddress(), real);
        try {
            onLabHost(() -> {
                bindAndRelease(transport, address);
                return null;
            });
            verifiedFree.add(transport.label() + labPort);
            recorder.event(SERVER, SERVER, Event.Kind.NOTE, "nothing listens on " + labPort + "/" + transport.label());
        } catch (Exception e) {
            String observed = "something is bound to real port " + real + ": " + e.getMessage();
            recorder.check("nothing listens on " + labPort + "/" + transport.label(), observed, false);
            throw new AssertionError("lab port " + labPort + "/" + transport.label() + " (real port " + real
                    + ") should be free, but " + observed, e);
        }
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

    // ---- servers --------------------------------------------------------------------------------------------

    /** Starts an uppercase server; a failure to start fails the step with the program's own message. */
    public void startServer(Transport transport, int labPort) {
        tryStartServer(transport, labPort).ifPresent(failure -> {
            throw new AssertionError("the " + transport + " server could not start: " + failure);
        });
    }

    /** Starts the student's server for the role and waits until the lab host's socket table shows it bound. */
    private Optional<String> startNamedServer(ProgramCommand command, String role, Transport transport, int labPort) {
        int real = portFor(command, labPort);
        ProgramEnding failure = external.startServer(command, role, transport, host, labPort, real, labHost,
                ExternalRoles.table(labHost));
        if (failure == null) {
            listening.add(transport.label() + labPort + "@" + host);
            recorder.event(SERVER, SERVER, Event.Kind.NOTE, "listening on " + labPort + "/" + transport.label());
            lastServerFailure = null;
            return Optional.empty();
        }
        lastServerFailure = new ServerFailure(failure.outcome(), failure.observed());
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "could not start: " + failure.outcome().phrase());
        return Optional.of(failure.observed());
    }

    /** Starts an uppercase server and records a failure to start instead of failing, for "Then the server fails". */
    public Optional<String> tryStartServer(Transport transport, int labPort) {
        String role = transport.label() + "-server";
        Optional<ProgramCommand> named = external.program(role);
        if (named.isPresent()) {
            return startNamedServer(named.get(), role, transport, labPort);
        }
        String command = "socket-lab " + transport.label() + "-server --port " + labPort + hostOption("--bind");
        return start(command, transport, labPort, address -> transport == Transport.UDP
                ? UdpUppercaseServer.start(address, recorder.transcript(SERVER))
                : TcpUppercaseServer.start(address, recorder.transcript(SERVER)));
    }

    public void startLineServer(int labPort) {
        Optional<ProgramCommand> named = external.program("line-server");
        if (named.isPresent()) {
            startNamedServer(named.get(), "line-server", Transport.TCP, labPort).ifPresent(failure -> {
                throw new AssertionError("the line server could not start: " + failure);
            });
            return;
        }
        String command = "socket-lab line-server --port " + labPort + hostOption("--bind");
        start(command, Transport.TCP, labPort, address -> LineServer.start(address, recorder.transcript(SERVER)))
                .ifPresent(failure -> {
                    throw new AssertionError("the line server could not start: " + failure);
                });
    }

    private interface ServerStarter {
        AutoCloseable start(InetSocketAddress address) throws LabException;
    }

    private Optional<String> start(String command, Transport transport, int labPort, ServerStarter starter) {
        long at = recorder.now();
        long started = System.nanoTime();
        try {
            InetSocketAddress address = Endpoints.local(host, realPort(labPort), transport);
            open.add(onLabHostOrThrow(() -> starter.start(address)));
            listening.add(transport.label() + labPort + "@" + host);
            recorder.run(new ProgramRun(SERVER, command, "started", null, null, null, null, at, micros(started)));
            recorder.event(SERVER, SERVER, Event.Kind.NOTE, "listening on " + labPort + "/" + transport.label());
            lastServerFailure = null; // "the server fails with" speaks of the last server started
            return Optional.empty();
        } catch (LabException e) {
            lastServerFailure = new ServerFailure(e.outcome(), e.getMessage());
            recorder.transcript(SERVER).printError("error: " + e.getMessage());
            recorder.run(new ProgramRun(SERVER, command, e.outcome().phrase(), null, e.causeClass(),
                    e.causeMessage(), e.getMessage(), at, micros(started)));
            recorder.event(SERVER, SERVER, Event.Kind.NOTE, "could not start: " + e.outcome().phrase());
            return Optional.of(e.getMessage());
        }
    }

    // ---- clients --------------------------------------------------------------------------------------------

    /** Opens a client now (TCP: connects) and lets it wait at its prompt until {@link #clientSends}. */
    public void startClient(Transport transport, int labPort, boolean connected) {
        startClient(host, transport, labPort, connected);
    }

    private void startClient(String targetHost, Transport transport, int labPort, boolean connected) {
        String role = transport.label() + "-client" + (connected ? "-connected" : "");
        Optional<ProgramCommand> named = connected ? external.connectedClient() : external.program(role);
        closeStartedClient();
        external.forgetLastEnding();
        startedExternal = named.isPresent();
        clientConsoleFrom = recorder.transcript(CLIENT).lines().size();
        startedHost = targetHost;
        startedAtMillis = recorder.now();
        startedTransport = transport;
        startedLabPort = labPort;
        startedConnected = connected;
        if (startedExternal) {
            startNamedClient(named.get(), role, targetHost, transport, labPort);
            return;
        }
        ClientOptions options = options(targetHost, labPort, connected);
        try {
            startedClient = onLabHost(() -> ClientProgram.start(transport, options, recorder.transcript(CLIENT)));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the client on the lab host: " + e.getMessage(), e);
        }
        ClientRun failure = startedClient.startFailure();
        if (failure != null) {
            lastRun = failure;
            record(targetHost, transport, labPort, connected, null, failure, true);
        } else {
            recorder.event(CLIENT, CLIENT, Event.Kind.NOTE, transport == Transport.TCP
                    ? "connected to " + labPort + "/tcp, waiting for input"
                    : "socket open, nothing sent yet");
        }
    }

    private void startNamedClient(ProgramCommand command, String role, String targetHost, Transport transport,
            int labPort) {
        if (!targetHost.equals(host) && !command.takesHost()) {
            throw new TestAbortedException("the " + role + " takes no {host}: it sends to the address written "
                    + "inside it, and this scenario needs it to reach " + targetHost + "; pass it with {host} in "
                    + "lab.program." + role);
        }
        external.startClient(command, role, targetHost, portFor(command, labPort), labHost);
        if (external.startedClientEnded()) {
            lastRun = external.clientSends(null, transport, clientTimeout, ExternalRoles.table(labHost));
            narrate(targetHost, transport, labPort, null, lastRun, true);
        }
    }

    /**
     * Without lab hosts, a program with its port written inside it can only use that port: this scenario takes
     * the lab's port as the real one, and runs alone while it holds it (a lock until the scenario closes).
     */
    private int portFor(ProgramCommand command, int labPort) {
        if (isolated() || command.takesPort() || labPort < 1 || labPort > 65_535) {
            return realPort(labPort);
        }
        if (!HARD_CODED_PORTS.isHeldByCurrentThread()) {
            HARD_CODED_PORTS.lock();
            recorder.note("No lab host: this scenario ran alone, on the real port " + labPort
                    + ", because a program's port is written inside it.");
        }
        Integer mapped = realPorts.putIfAbsent(labPort, labPort);
        if (mapped != null && mapped != labPort) {
            throw new TestAbortedException("the program has port " + labPort + " written inside it, and this "
                    + "scenario had already mapped that port to " + mapped + "; pass the port with {port}");
        }
        return labPort;
    }

    private static final java.util.concurrent.locks.ReentrantLock HARD_CODED_PORTS =
            new java.util.concurrent.locks.ReentrantLock();

    /** The client started earlier reads the sentence at its prompt and sends it. */
    public ClientRun clientSends(String sentence) {
        if (startedExternal) {
            recorder.transcript(CLIENT); // the console exists from the start
            if (lastRun != null && external.startedClientEnded()) {
                return lastRun;
            }
            lastRun = external.clientSends(sentence, startedTransport, clientTimeout, ExternalRoles.table(labHost));
            narrate(startedHost, startedTransport, startedLabPort, sentence, lastRun, false);
            return lastRun;
        }
        if (startedClient == null) {
            throw new IllegalStateException("no client was started: add a step like "
                    + "'Given the UDP client is started for port 12000' before this one");
        }
        recorder.transcript(CLIENT).type(sentence);
        lastRun = startedClient.converse();
        if (startedClient.startFailure() == null) {
            record(startedHost, startedTransport, startedLabPort, startedConnected, sentence, lastRun, false);
        }
        closeStartedClient();
        return lastRun;
    }

    /** Runs a client from start to end, as running the seed's script with the sentence typed at its prompt. */
    public ClientRun send(Transport transport, int labPort, String sentence, boolean connected) {
        return send(host, transport, labPort, sentence, connected);
    }

    /** Runs a client on this host against the second host's address. */
    public ClientRun sendToSecondHost(Transport transport, int labPort, String sentence) {
        return send(secondHostAddress(), transport, labPort, sentence, false);
    }

    private ClientRun send(String targetHost, Transport transport, int labPort, String sentence, boolean connected) {
        lastRun = null;
        startClient(targetHost, transport, labPort, connected);
        if (startedExternal) {
            return lastRun != null ? lastRun : clientSends(sentence);
        }
        return startedClient.startFailure() != null ? lastRun : clientSends(sentence);
    }

    /** Sends lines to a line server over TCP and closes, as {@code socket-lab line-client} does. */
    public void sendLines(int labPort, List<String> lines) {
        long at = recorder.now();
        long started = System.nanoTime();
        String command = "socket-lab line-client --port " + labPort + hostOption("--host")
                + lines.stream().map(line -> " --line " + quoteArgument(line)).collect(Collectors.joining());
        clientConsoleFrom = recorder.transcript(CLIENT).lines().size();
        try {
            ClientOptions options = options(host, labPort, false);
            long bytes = onLabHostOrThrow(() -> LineClient.send(options, lines));
            recorder.transcript(CLIENT).println("Sent " + lines.size() + " lines (" + bytes + " bytes)");
            recorder.run(new ProgramRun(CLIENT, command, "sent", null, null, null, null, at, micros(started)));
            recorder.event(at, CLIENT, SERVER, Event.Kind.CONNECT, "connected to " + labPort + "/tcp");
            recorder.event(CLIENT, SERVER, Event.Kind.DATA, lines.size() + " lines (" + bytes + " bytes), then FIN");
        } catch (LabException e) {
            recorder.transcript(CLIENT).printError("error: " + e.getMessage());
            lastRun = new ClientRun(e.outcome(), null, e, Duration.ofNanos(System.nanoTime() - started));
            recorder.run(new ProgramRun(CLIENT, command, e.outcome().phrase(), null, e.causeClass(),
                    e.causeMessage(), e.getMessage(), at, micros(started)));
            if (e.outcome() == Outcome.CONNECTION_REFUSED) {
                recorder.event(CLIENT, SERVER, Event.Kind.REFUSED, "connection to " + labPort + "/tcp refused");
            }
        }
    }

    private ClientOptions options(String targetHost, int labPort, boolean connected) {
        return ClientOptions.to(targetHost, realPort(labPort)).withTimeout(clientTimeout).withConnected(connected);
    }

    private void closeStartedClient() {
        if (startedClient != null) {
            startedClient.close();
            startedClient = null;
        }
    }

    /** Records the run as a command and draws what crossed the wire, as far as the client's outcome tells. */
    private void record(String targetHost, Transport transport, int labPort, boolean connected, String sentence,
            ClientRun run, boolean failedAtStart) {
        String command = "socket-lab " + transport.label() + "-client --port " + labPort
                + (targetHost.equals("127.0.0.1") ? "" : " --host " + targetHost)
                + (connected ? " --connected" : "") + " --timeout " + Durations.format(clientTimeout)
                + (sentence == null ? "" : " --message " + quoteArgument(sentence));
        LabException failure = run.failure();
        long elapsedMicros = run.elapsed().toNanos() / 1000;
        recorder.run(new ProgramRun(CLIENT, command, run.outcome().phrase(), run.reply(),
                failure == null ? null : failure.causeClass(), failure == null ? null : failure.causeMessage(),
                failure == null ? null : failure.getMessage(), startedAtMillis, elapsedMicros));
        narrate(targetHost, transport, labPort, sentence, run, failedAtStart);
    }

    /** Draws what crossed the wire, as far as the client's outcome tells. */
    private void narrate(String targetHost, Transport transport, int labPort, String sentence, ClientRun run,
            boolean failedAtStart) {
        // Each event at the time it happened: the connect when the client started, the send when the exchange
        // began (its end minus its duration), the answer or the giving up now.
        long now = recorder.now();
        long sentAt = Math.max(startedAtMillis, now - run.elapsed().toMillis());
        String port = labPort + "/" + transport.label();
        if (transport == Transport.TCP && !failedAtStart) {
            recorder.event(startedAtMillis, CLIENT, SERVER, Event.Kind.CONNECT, "connected to " + port
                    + " (SYN, SYN-ACK, ACK)");
        }
        if (sentence != null) {
            String data = describe(sentence) + (transport == Transport.TCP ? ", then FIN" : " to " + port);
            boolean lost = transport == Transport.UDP && verifiedFree.contains(transport.label() + labPort)
                    && !listening.contains(transport.label() + labPort + "@" + targetHost);
            recorder.event(sentAt, CLIENT, SERVER, lost ? Event.Kind.LOST : Event.Kind.DATA,
                    lost ? data + ", where nothing listens" : data);
        }
        switch (run.outcome()) {
            case REPLY -> recorder.event(now, SERVER, CLIENT, Event.Kind.REPLY, describe(run.reply()));
            case CONNECTION_REFUSED -> recorder.event(now, CLIENT, SERVER, Event.Kind.REFUSED,
                    "connection to " + port + " refused");
            case PORT_UNREACHABLE -> recorder.event(now, SERVER, CLIENT, Event.Kind.ICMP_UNREACHABLE,
                    "port unreachable (" + port + "), reported to the socket");
            case NO_REPLY -> recorder.event(now, CLIENT, CLIENT, Event.Kind.TIMEOUT,
                    "no reply within " + Durations.format(clientTimeout));
            case CONNECTION_RESET -> recorder.event(now, SERVER, CLIENT, Event.Kind.RESET, "connection reset");
            default -> recorder.event(now, CLIENT, CLIENT, Event.Kind.NOTE, run.outcome().phrase());
        }
    }

    private static String describe(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + shown + "\" (" + bytes + (bytes == 1 ? " byte)" : " bytes)");
    }

    private String hostOption(String option) {
        return host.equals("127.0.0.1") ? "" : " " + option + " " + host;
    }

    private static String quoteArgument(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }

    // ---- a second host ---------------------------------------------------------------------------------------

    /** Why a second host cannot be made here, or empty. */
    public static Optional<String> secondHostUnavailable() {
        return isolated() ? Optional.empty() : SecondHost.unavailable();
    }

    /** Why the second host's firewall cannot be set here, if it cannot. */
    public static Optional<String> secondHostFirewallUnavailable() {
        return isolated() ? LabHost.firewallUnavailable() : SecondHost.firewallUnavailable();
    }

    /** Makes the second host (a network namespace joined by a veth pair) and captures its link too. */
    public void addSecondHost() {
        if (secondHost != null || secondLink != null) {
            return;
        }
        if (isolated()) {
            try {
                secondLink = ensureLabHost().addSecondHost();
            } catch (IOException e) {
                throw new IllegalStateException("could not make the second host: " + e.getMessage(), e);
            }
            recorder.note("Second host: network namespace " + secondLink.name() + " at " + secondLink.address()
                    + ", joined to the lab host (" + secondLink.localAddress() + ") by a veth pair.");
            recorder.event(SERVER, SERVER, Event.Kind.NOTE, "second host " + secondLink.address());
            return;
        }
        try {
            secondHost = SecondHost.create();
        } catch (IOException e) {
            throw new IllegalStateException("could not make the second host: " + e.getMessage(), e);
        }
        recorder.note("Second host: network namespace " + secondHost.name() + " at " + secondHost.address()
                + ", joined to this host (" + secondHost.localAddress() + ") by a veth pair.");
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "second host " + secondHost.address());
        if (captureUnavailable == null) {
            try {
                ensureCapture();
                capture.addInterface(secondHost.hostInterface(), secondHost.inetAddress());
            } catch (IOException e) {
                recorder.note("No packet trace on the link to the second host: " + e.getMessage() + ".");
            }
        }
    }

    private String secondHostAddress() {
        return secondLink != null ? secondLink.address() : secondHost().address();
    }

    private SecondHost secondHost() {
        if (secondHost == null) {
            throw new IllegalStateException("no second host: add 'Given a second host' first");
        }
        return secondHost;
    }

    /**
     * Runs {@code socket-lab tcp-server} (or udp-server) inside the second host, from the project's jar, bound to
     * the second host's address, or to its own loopback when {@code loopbackOnly}.
     */
    public void startServerOnSecondHost(Transport transport, int labPort, boolean loopbackOnly) {
        if (secondLink != null) {
            startServerInSecondHost(transport, labPort, loopbackOnly);
            return;
        }
        String bind = loopbackOnly ? "127.0.0.1" : secondHost().address();
        int real = realPort(labPort);
        List<String> command = new ArrayList<>(SocketLabCommand.javaCommand());
        command.addAll(List.of(transport.label() + "-server", "--bind", bind, "--port", String.valueOf(real)));
        long at = recorder.now();
        long started = System.nanoTime();
        Transcript console = recorder.transcript(SERVER);
        try {
            Process process = secondHost.start(command);
            SocketLabCommand.copyLines(process.getInputStream(), console);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the server on the second host: " + e.getMessage(), e);
        }
        boolean ready = console.await(line -> line.text().equals(UdpUppercaseServer.READY), SECOND_HOST_START)
                .isPresent();
        recorder.run(new ProgramRun(SERVER, "socket-lab " + transport.label() + "-server --bind " + bind
                + " --port " + labPort + "   (on the second host)", ready ? "started" : "did not start", null, null,
                null, null, at, micros(started)));
        if (!ready) {
            throw new AssertionError("the server on the second host did not print \"" + UdpUppercaseServer.READY
                    + "\" within " + SECOND_HOST_START.toSeconds() + " s; its console:\n" + consoleText(SERVER));
        }
        listening.add(transport.label() + labPort + "@" + secondHost.address() + (loopbackOnly ? "-loopback" : ""));
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "listening on " + bind + ":" + labPort + "/" + transport.label());
    }

    /** socket-lab's own server, in this JVM, on a thread that joined the second host's namespace. */
    private void startServerInSecondHost(Transport transport, int labPort, boolean loopbackOnly) {
        String bind = loopbackOnly ? "127.0.0.1" : secondLink.address();
        String command = "socket-lab " + transport.label() + "-server --bind " + bind + " --port " + labPort
                + "   (on the second host)";
        InetSocketAddress address = new InetSocketAddress(bind, realPort(labPort));
        long at = recorder.now();
        long started = System.nanoTime();
        try {
            Transcript console = recorder.transcript(SERVER);
            open.add(labHost.insideSecondHost(secondLink, () -> transport == Transport.UDP
                    ? UdpUppercaseServer.start(address, console) : TcpUppercaseServer.start(address, console)));
        } catch (Exception e) {
            throw new AssertionError("the server on the second host could not start: " + e.getMessage(), e);
        }
        recorder.run(new ProgramRun(SERVER, command, "started", null, null, null, null, at, micros(started)));
        listening.add(transport.label() + labPort + "@" + secondLink.address() + (loopbackOnly ? "-loopback" : ""));
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "listening on " + bind + ":" + labPort + "/" + transport.label());
    }

    /** A firewall rule on the second host for the port: {@code DROP} (silently) or {@code REJECT} (ICMP). */
    public void secondHostFirewall(Transport transport, int labPort, String target) {
        try {
            if (secondLink != null) {
                labHost.firewall(secondLink, transport.label(), realPort(labPort), target);
            } else {
                secondHost().firewall(transport.label(), realPort(labPort), target);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not add the firewall rule: " + e.getMessage(), e);
        }
        recorder.event(SERVER, SERVER, Event.Kind.NOTE, "firewall " + target + "s " + labPort + "/" + transport.label());
        recorder.note("The second host's firewall " + (target.equals("DROP") ? "drops" : "rejects") + " incoming "
                + transport + " to port " + labPort + " (iptables -A INPUT -p " + transport.label() + " --dport "
                + labPort + " -j " + target + ").");
    }

    // ---- the wire -------------------------------------------------------------------------------------------

    /** Why this scenario has no packet trace, or empty when it has one. */
    public Optional<String> wireUnavailable() {
        if (captureUnavailable != null) {
            return Optional.of(captureUnavailable);
        }
        return capture == null && labCapture == null ? Optional.of("no port of this scenario was captured") : Optional.empty();
    }

    private List<WirePacket> wire() {
        try {
            return labCapture != null ? labCapture.packets() : capture.packets();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the packet capture: " + e.getMessage(), e);
        }
    }

    /** A SYN to one of the scenario's ports was answered by a RST from that port. */
    public void expectSynAnsweredByRst() {
        List<WirePacket> packets = wire();
        boolean met = false;
        for (int i = 0; i < packets.size() && !met; i++) {
            WirePacket syn = packets.get(i);
            if (syn.isTcp("S") && realPorts.containsValue(syn.destinationPort())) {
                met = packets.subList(i + 1, packets.size()).stream().anyMatch(answer -> "TCP".equals(answer.protocol())
                        && answer.flags().contains("R") && answer.sourcePort() == syn.destinationPort()
                        && answer.destinationPort() == syn.sourcePort());
            }
        }
        expect("the server's host answers the SYN with a RST", summary(packets), met);
    }

    public void expectIcmpPortUnreachable() {
        List<WirePacket> packets = wire();
        boolean met = packets.stream().anyMatch(p -> p.isPortUnreachable() && realPorts.containsValue(p.quotedPort()));
        expect("an ICMP port unreachable comes back", summary(packets), met);
    }

    public void expectNoIcmp() {
        List<WirePacket> packets = wire();
        // Silence proves something only if the client's packets were captured.
        boolean met = packets.stream().anyMatch(p -> realPorts.containsValue(p.destinationPort()))
                && packets.stream().noneMatch(p -> p.icmp() != null);
        expect("no ICMP message comes back", summary(packets), met);
    }

    /** No UDP datagram came from one of the scenario's ports: nothing answered. */
    public void expectNoUdpReply() {
        List<WirePacket> packets = wire();
        boolean met = packets.stream().anyMatch(p -> "UDP".equals(p.protocol())
                && realPorts.containsValue(p.destinationPort()))
                && packets.stream().noneMatch(p -> "UDP".equals(p.protocol())
                        && realPorts.containsValue(p.sourcePort()));
        expect("no UDP reply crosses the wire", summary(packets), met);
    }

    /** Some packet's payload (an HTTP request's headers, say) contains the text. */
    public void expectOnWire(String text) {
        List<WirePacket> packets = wire();
        boolean met = packets.stream().anyMatch(p -> p.icmp() == null && p.payloadText().contains(text));
        expect("a packet on the wire carries \"" + text + "\"", summary(packets), met);
    }

    private static String summary(List<WirePacket> packets) {
        if (packets.isEmpty()) {
            return "no packets captured";
        }
        return packets.size() + " packets: " + packets.stream().limit(12)
                .map(p -> p.protocol() + (p.flags() != null ? "[" + p.flags() + "]" : "")
                        + (p.icmp() != null ? " " + p.icmp() : " " + p.sourcePort() + ">" + p.destinationPort()))
                .collect(Collectors.joining(", ")) + (packets.size() > 12 ? ", ..." : "");
    }

    // ---- expectations ---------------------------------------------------------------------------------------

    private ClientRun lastRun() {
        if (lastRun == null) {
            throw new IllegalStateException("no client has run yet: add a 'When the ... client sends ...' step first");
        }
        return lastRun;
    }

    private void expect(String expected, String observed, boolean met) {
        recorder.verify(expected, observed, met);
    }

    public void expectReply(String reply) {
        ClientRun run = lastRun();
        // A student's client prints the reply its own way ("From Server:  ASMAA"): its reply line shows it.
        boolean met = reply.equals(run.reply()) || startedExternal && run.reply() != null
                && new ConsoleLine(0, ConsoleLine.OUT, run.reply()).shows(reply);
        expect("the client receives \"" + reply + "\"", observed(run), met);
    }

    /**
     * A line in socket-lab's own wording (an error message of its own): checked when socket-lab's client ran;
     * for the student's program the report notes that it was not checked, and why.
     */
    public void expectOwnClientPrints(String line) {
        if (startedExternal) {
            recorder.note("Not checked: the client prints \"" + line + "\" is socket-lab's own wording; the "
                    + "student's program says it in its own words (see its console).");
            return;
        }
        expectClientPrints(line);
    }

    /** A whole line the last client printed, on either stream (not an earlier client's). */
    public void expectClientPrints(String line) {
        expectPrinted(CLIENT, line, clientConsoleFrom, Duration.ZERO);
    }

    public void expectClientFails(Outcome outcome) {
        ClientRun run = lastRun();
        expect("the client fails with " + outcome.phrase(), observed(run), run.outcome() == outcome);
    }

    /**
     * No reply came within the given time. The client gave up after its own timeout; if that is shorter than the
     * time the feature names, this run cannot tell what came later, and the step says how to fix the feature.
     */
    public void expectNoReplyWithin(Duration within) {
        ClientRun run = lastRun();
        if (run.outcome() == Outcome.NO_REPLY && clientTimeout.compareTo(within) < 0) {
            recorder.check("the client gets no reply within " + Durations.format(within),
                    "cannot tell: the client waited only " + Durations.format(clientTimeout), false);
            throw new AssertionError("the client waited only " + Durations.format(clientTimeout)
                    + ", so this run cannot show that no reply came within " + Durations.format(within)
                    + "; add 'Given clients wait " + within.toSeconds() + " seconds for a reply' before sending");
        }
        expect("the client gets no reply within " + Durations.format(within), observed(run),
                run.outcome() == Outcome.NO_REPLY);
    }

    public void expectServerFails(Outcome outcome) {
        String observed = lastServerFailure == null ? "every server started"
                : lastServerFailure.outcome().phrase() + ": " + lastServerFailure.message();
        expect("the server fails with " + outcome.phrase(), observed,
                lastServerFailure != null && lastServerFailure.outcome() == outcome);
    }

    /** Waits (bounded) for the server to print the line: servers print on their own threads. */
    public void expectServerPrints(String line) {
        expectPrinted(SERVER, line, 0, SERVER_PRINT_WAIT);
    }

    /** Waits for each line in turn, each on a later console line than the previous one. */
    public void expectServerPrintsLines(List<String> lines) {
        Transcript server = recorder.transcript(SERVER);
        String expected = "the server prints these lines:\n" + String.join("\n", lines);
        int next = 0;
        for (String line : lines) {
            String withRealPorts = withRealPorts(line);
            OptionalInt found = server.awaitIndex(printed -> printed.shows(line) || printed.shows(withRealPorts),
                    next, SERVER_PRINT_WAIT);
            if (found.isEmpty()) {
                expect(expected, "no line \"" + line + "\" (in order) in:\n" + consoleText(SERVER), false);
            }
            next = found.getAsInt() + 1;
        }
        recorder.check(expected, "all printed, in order", true);
    }

    private void expectPrinted(String role, String line, int from, Duration wait) {
        String withRealPorts = withRealPorts(line);
        boolean found = recorder.transcript(role)
                .awaitIndex(printed -> printed.shows(line) || printed.shows(withRealPorts), from, wait).isPresent();
        expect("the " + role + " prints \"" + line + "\"",
                found ? "printed" : "not printed; the " + role + "'s console:\n" + consoleText(role), found);
    }

    /**
     * The expected line as the programs print it in this run: they print the real ports, the feature names the
     * lab's ({@code 127.0.0.1:12000/tcp}). The console is kept as printed; the report shows the mapping.
     */
    private String withRealPorts(String line) {
        return NUMBER.matcher(line).replaceAll(number -> {
            Integer real = number.group().length() > 5 ? null : realPorts.get(Integer.parseInt(number.group()));
            return real == null ? number.group() : String.valueOf(real);
        });
    }

    private String consoleText(String role) {
        List<ConsoleLine> lines = recorder.transcript(role).lines();
        return lines.isEmpty() ? "(nothing)" : lines.stream().map(ConsoleLine::text).collect(Collectors.joining("\n"));
    }

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

    /**
     * Keeps the packet trace, then closes every client, server, capture and second host the scenario started;
     * also after a failed step.
     */
    @Override
    public void close() {
        Closer closer = new Closer(recorder);
        closer.run(this::closeStartedClient);
        closer.run(external::close);
        if (namedPrograms != null) {
            closer.run(namedPrograms::close);
        }
        if (capture != null || labCapture != null) {
            closer.run(() -> {
                try {
                    recorder.packets(wire().stream()
                            .map(packet -> packet.toPacket(recorder.startEpochMicros())).toList());
                } catch (IllegalStateException e) {
                    recorder.note("No complete packet trace: " + e.getMessage() + ".");
                }
            });
        }
        open.forEach(program -> closer.run(program::close));
        open.clear();
        if (capture != null) {
            closer.run(capture::close);
            capture = null;
        }
        if (secondHost != null) {
            closer.run(secondHost::close);
            secondHost = null;
        }
        if (labHost != null) {
            closer.run(labHost::close); // every process, namespace, veth and mount of the scenario goes with it
            labHost = null;
            labCapture = null;
            secondLink = null;
        }
        while (HARD_CODED_PORTS.isHeldByCurrentThread()) {
            HARD_CODED_PORTS.unlock();
        }
        closer.rethrow();
    }

    /** Runs every close, whatever the others throw; keeps the first failure and adds the rest to it. */
    private static final class Closer {
        private final ScenarioRecorder recorder;
        private RuntimeException first;

        Closer(ScenarioRecorder recorder) {
            this.recorder = recorder;
        }

        interface Step {
            void run() throws Exception;
        }

        void run(Step step) {
            try {
                step.run();
            } catch (Exception e) {
                recorder.note("Closing failed: " + e);
                if (first == null) {
                    first = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }

        void rethrow() {
            if (first != null) {
                throw first;
            }
        }
    }
}
