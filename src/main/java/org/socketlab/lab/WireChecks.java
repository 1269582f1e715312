package org.socketlab.lab;

import java.util.List;
import java.util.stream.Collectors;
import org.socketlab.wire.WirePacket;

/**
 * The expectations on the packet trace: what crossed the wire to and from the scenario's real ports. Each reads
 * the packets captured so far, so it comes after the exchange it checks, and shows the trace when not met.
 */
final class WireChecks {
    private final ScenarioRecorder recorder;
    private final ScenarioCapture capture;
    private final PortPlan ports;

    WireChecks(ScenarioRecorder recorder, ScenarioCapture capture, PortPlan ports) {
        this.recorder = recorder;
        this.capture = capture;
        this.ports = ports;
    }

    /** A SYN to one of the scenario's ports was answered by a RST from that port. */
    void expectSynAnsweredByRst() {
        List<WirePacket> packets = capture.packets();
        boolean met = false;
        for (int i = 0; i < packets.size() && !met; i++) {
            WirePacket syn = packets.get(i);
            if (syn.isTcp("S") && ports.isScenarioPort(syn.destinationPort())) {
                met = packets.subList(i + 1, packets.size()).stream().anyMatch(answer -> "TCP".equals(answer.protocol())
                        && answer.flags().contains("R") && answer.sourcePort() == syn.destinationPort()
                        && answer.destinationPort() == syn.sourcePort());
            }
        }
        recorder.verify("the server's host answers the SYN with a RST", summary(packets), met);
    }

    void expectIcmpPortUnreachable() {
        List<WirePacket> packets = capture.packets();
        boolean met = packets.stream().anyMatch(p -> p.isPortUnreachable() && ports.isScenarioPort(p.quotedPort()));
        recorder.verify("an ICMP port unreachable comes back", summary(packets), met);
    }

    void expectNoIcmp() {
        List<WirePacket> packets = capture.packets();
        // Silence proves something only if the client's packets were captured.
        boolean met = packets.stream().anyMatch(p -> ports.isScenarioPort(p.destinationPort()))
                && packets.stream().noneMatch(p -> p.icmp() != null);
        recorder.verify("no ICMP message comes back", summary(packets), met);
    }

    /** No UDP datagram came from one of the scenario's ports: nothing answered. */
    void expectNoUdpReply() {
        List<WirePacket> packets = capture.packets();
        // As for ICMP: no reply means something only if the datagram sent was captured.
        boolean met = packets.stream().anyMatch(p -> "UDP".equals(p.protocol())
                && ports.isScenarioPort(p.destinationPort()))
                && packets.stream().noneMatch(p -> "UDP".equals(p.protocol()) && ports.isScenarioPort(p.sourcePort()));
        recorder.verify("no UDP reply crosses the wire", summary(packets), met);
    }

    /** Some packet's payload (an HTTP request's headers, say) contains the text. */
    void expectOnWire(String text) {
        List<WirePacket> packets = capture.packets();
        boolean met = packets.stream().anyMatch(p -> p.icmp() == null && p.payloadText().contains(text));
        recorder.verify("a packet on the wire carries \"" + text + "\"", summary(packets), met);
    }

    /** The trace in a line for the observed side: its size and its first dozen packets. */
    private static String summary(List<WirePacket> packets) {
        if (packets.isEmpty()) {
            return "no packets captured";
        }
        return packets.size() + " packets: " + packets.stream().limit(12)
                .map(p -> p.protocol() + (p.flags() != null ? "[" + p.flags() + "]" : "")
                        + (p.icmp() != null ? " " + p.icmp() : " " + p.sourcePort() + ">" + p.destinationPort()))
                .collect(Collectors.joining(", ")) + (packets.size() > 12 ? ", ..." : "");
    }
}
