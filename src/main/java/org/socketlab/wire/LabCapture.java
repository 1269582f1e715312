package org.socketlab.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every packet of one lab host, captured by one {@code tcpdump -i any} that the lab host's shell starts (so it has
 * the capture right there, also for a user who is not root). Everything on a lab host belongs to its scenario, so
 * no filter is needed. {@link #packets()} first sends a marker datagram through the capture and waits (bounded)
 * until tcpdump has written it, so every packet sent before the call is in the result.
 */
public final class LabCapture {
    /** The discard port: the marker datagram goes there, and is left out of the trace with its ICMP answer. */
    static final int MARKER_PORT = 9;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(5);

    private final LabHost host;
    private final Path file;

    private LabCapture(LabHost host, Path file) {
        this.host = host;
        this.file = file;
    }

    /** Starts capturing on every interface of the lab host; returns once tcpdump is listening. */
    public static LabCapture start(LabHost host) throws IOException {
        Optional<String> reason = PacketCapture.unavailable();
        if (reason.isPresent()) {
            throw new IOException(reason.get());
        }
        Path file = host.file("capture.pcap");
        Path log = host.file("tcpdump.log");
        // As root tcpdump would drop to its own user, who may not write our private directory: stay root here.
        String user = ThreadInNamespace.JVM_IS_ROOT ? " -Z root" : "";
        host.background(PacketCapture.tcpdumpPath() + user + " -i any -U --immediate-mode -n -s 4096 -w "
                + LabHost.quote(file.toString()), log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String said = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (said.contains("listening on")) {
                return new LabCapture(host, file);
            }
            if (said.contains("tcpdump: ") && !said.contains("data link type") || System.nanoTime() > deadline) {
                throw new IOException("tcpdump could not capture in the lab host: "
                        + (said.isBlank() ? "it did not start within " + START_TIMEOUT.toSeconds() + " s" : said.trim()));
            }
            pause(); // tcpdump's log is a file: there is no event to wait on
        }
    }

    /** Every packet captured so far, oldest first, each once, without the marker. */
    public List<WirePacket> packets() throws IOException {
        String token = UUID.randomUUID().toString();
        sendMarker(token);
        List<WirePacket> packets = PcapReader.readUntilMarker(file, token, SYNC_TIMEOUT, "the lab host");
        Set<String> seen = new LinkedHashSet<>();
        // -i any sees a loopback packet once as it leaves and once as it arrives: keep one.
        return packets.stream()
                .filter(packet -> !packet.concerns(MARKER_PORT) && !packet.isLinkHousekeeping())
                .filter(packet -> seen.add(packet.protocol() + packet.source() + packet.sourcePort()
                        + packet.destination() + packet.destinationPort() + packet.flags() + packet.icmp()
                        + Math.floorDiv(packet.micros(), 1000) + packet.payload().length))
                .sorted(Comparator.comparingLong(WirePacket::micros))
                .toList();
    }

    private void sendMarker(String token) throws IOException {
        if (LabHost.jvmMayJoin()) {
            try {
                host.inside(() -> {
                    try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
                        byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
                        socket.send(new java.net.DatagramPacket(bytes, bytes.length,
                                java.net.InetAddress.getLoopbackAddress(), MARKER_PORT));
                    }
                    return null;
                });
                return;
            } catch (Exception e) {
                throw new IOException("could not send the capture's marker: " + e.getMessage(), e);
            }
        }
        host.shell("printf %s " + token + " >/dev/udp/127.0.0.1/" + MARKER_PORT);
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the capture");
        }
    }
}
