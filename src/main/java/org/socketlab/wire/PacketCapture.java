package org.socketlab.wire;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.socketlab.programs.ChildProcess;

/**
 * Captures a scenario's packets with {@code tcpdump}, one capture per watched port and interface, each with a
 * capture filter on that port (and the ICMP errors quoting it), so nothing else on the machine is recorded.
 * Interfaces are only loopback and the veth interfaces of namespaces the run made ({@link SecondHost}).
 *
 * <p>{@link #packets()} first sends a marker datagram through every capture and waits (bounded) until each has
 * written it, so every packet sent before the call is in the result, without sleeping on a guess.
 */
public final class PacketCapture implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(5);
    private static volatile String unavailableReason;

    private final Path directory;
    private final DatagramSocket markerReceiver;
    private final List<Interface> interfaces = new ArrayList<>();
    private final List<Tcpdump> captures = new ArrayList<>();
    private final Set<Integer> ports = new LinkedHashSet<>();

    /** An interface to capture on, and an address a marker datagram sent from here crosses it to. */
    private record Interface(String name, InetAddress markerTarget) {
    }

    private PacketCapture(Path directory, DatagramSocket markerReceiver) {
        this.directory = directory;
        this.markerReceiver = markerReceiver;
    }

    /**
     * Why packets cannot be captured here, or empty when they can: tcpdump missing, not allowed (not root), or
     * switched off with {@code -Dlab.capture=false}. A failed start is remembered, so it is not tried again.
     */
    public static Optional<String> unavailable() {
        if ("false".equals(System.getProperty("lab.capture"))) {
            return Optional.of("packet capture is switched off (-Dlab.capture=false)");
        }
        if (unavailableReason != null) {
            return Optional.of(unavailableReason);
        }
        if (tcpdump().isEmpty()) {
            return Optional.of("tcpdump is not installed (Debian: apt-get install tcpdump)");
        }
        return Optional.empty();
    }

    static String tcpdumpPath() {
        return tcpdump().orElseThrow().toString();
    }

    private static Optional<Path> tcpdump() {
        return SystemPrograms.find("tcpdump");
    }

    /** Starts an empty capture on loopback; ports are added with {@link #watch(int)}. */
    public static PacketCapture onLoopback() throws IOException {
        Optional<String> reason = unavailable();
        if (reason.isPresent()) {
            throw new IOException(reason.get());
        }
        DatagramSocket marker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        PacketCapture capture = new PacketCapture(Files.createTempDirectory("socket-lab-capture"), marker);
        capture.interfaces.add(new Interface("lo", InetAddress.getLoopbackAddress()));
        return capture;
    }

    /** Captures the watched ports on one more interface too (a second host's veth). */
    public synchronized void addInterface(String name, InetAddress markerTarget) throws IOException {
        Interface added = new Interface(name, markerTarget);
        interfaces.add(added);
        for (int port : ports) {
            captures.add(start(added, port));
        }
    }

    /** Starts capturing a port on every interface; returns once tcpdump says it is listening. */
    public synchronized void watch(int port) throws IOException {
        if (ports.add(port)) {
            for (Interface each : interfaces) {
                captures.add(start(each, port));
            }
        }
    }

    private Tcpdump start(Interface where, int port) throws IOException {
        int markerPort = markerReceiver.getLocalPort();
        String filter = "port " + port + " or (icmp and icmp[30:2] = " + port + ") or (icmp6 and ip6[90:2] = "
                + port + ") or (udp and port " + markerPort + ")";
        Path file = directory.resolve(where.name() + "-" + port + ".pcap");
        AtomicBoolean listening = new AtomicBoolean();
        StringBuilder said = new StringBuilder();
        ChildProcess process = ChildProcess.command(List.of(tcpdump().orElseThrow().toString(), "-i", where.name(),
                "-U", "--immediate-mode", "-n", "-s", "4096", "-w", file.toString(), filter))
                .onLine((stream, text) -> {
                    // After "listening on", only tcpdump's closing statistics: nothing the report needs.
                    if (stream != ChildProcess.Stream.ERR || listening.get()) {
                        return;
                    }
                    if (text.contains("listening on")) {
                        listening.set(true);
                    } else {
                        synchronized (said) {
                            said.append(text).append(' ');
                        }
                    }
                })
                .start();
        if (process.awaitOutput(listening::get, START_TIMEOUT)) {
            return new Tcpdump(process, file, where);
        }
        boolean exited = !process.isAlive();
        process.close();
        if (!exited) {
            // A slow start on a busy machine says nothing about the next scenario: not remembered.
            throw new IOException("tcpdump did not start listening within " + START_TIMEOUT.toSeconds() + " s");
        }
        // tcpdump exited with its reason (no permission, no such interface): it would fail the same way again.
        String failure;
        synchronized (said) {
            failure = said.toString().trim();
        }
        unavailableReason = "tcpdump could not capture: " + (failure.isEmpty() ? "it exited" : failure);
        throw new IOException(unavailableReason);
    }

    /** Every packet captured so far on the watched ports, oldest first, each packet once. */
    public synchronized List<WirePacket> packets() throws IOException {
        int markerPort = markerReceiver.getLocalPort();
        List<WirePacket> all = new ArrayList<>();
        for (Tcpdump capture : captures) {
            byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket sender = new DatagramSocket()) {
                sender.send(new DatagramPacket(token, token.length,
                        new InetSocketAddress(capture.where().markerTarget(), markerPort)));
            }
            all.addAll(PcapReader.readUntilMarker(capture.file(), new String(token, StandardCharsets.US_ASCII),
                    SYNC_TIMEOUT, capture.where().name()));
        }
        Set<String> seen = new LinkedHashSet<>();
        return all.stream()
                .filter(packet -> !packet.concerns(markerPort))
                .filter(packet -> seen.add(packet.micros() + packet.protocol() + packet.source() + packet.sourcePort()
                        + packet.destination() + packet.destinationPort() + packet.flags() + packet.payload().length))
                .sorted(Comparator.comparingLong(WirePacket::micros))
                .toList();
    }

    /** Stops every tcpdump (each is killed) and deletes the capture files. */
    @Override
    public synchronized void close() {
        for (Tcpdump capture : captures) {
            capture.process().close();
            try {
                Files.deleteIfExists(capture.file());
            } catch (IOException ignored) {
                // a temp file left behind is not worth failing a scenario for
            }
        }
        captures.clear();
        markerReceiver.close();
        try {
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // as above
        }
    }

    private record Tcpdump(ChildProcess process, Path file, Interface where) {
    }
}
