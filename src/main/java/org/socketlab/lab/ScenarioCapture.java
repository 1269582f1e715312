package org.socketlab.lab;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.socketlab.wire.LabCapture;
import org.socketlab.wire.LabHost;
import org.socketlab.wire.PacketCapture;
import org.socketlab.wire.SecondHost;
import org.socketlab.wire.WirePacket;

/**
 * The scenario's packet trace, from the capture that fits where its programs run: on a lab host of its own,
 * everything that crosses the lab host ({@link LabCapture}, started with it); without one, this host's loopback
 * filtered to the scenario's real ports ({@link PacketCapture}), and the link to a second host made beside it.
 * Once a capture cannot start, the reason is noted and kept, and no other capture is tried.
 */
final class ScenarioCapture {
    private final ScenarioRecorder recorder;
    private PacketCapture onLoopback;
    private LabCapture onLabHost;
    private String unavailable;

    ScenarioCapture(ScenarioRecorder recorder) {
        this.recorder = recorder;
    }

    /** Captures all the packets of the scenario's new lab host, where tcpdump can run. */
    void startOnLabHost(LabHost labHost) {
        if (unavailable != null) {
            return;
        }
        try {
            onLabHost = LabCapture.start(labHost);
        } catch (IOException e) {
            giveUp(e);
        }
    }

    /** Captures the real port's packets on loopback from now on; the lab host's capture already has them all. */
    void watch(int realPort) {
        if (unavailable != null || onLabHost != null) {
            return;
        }
        try {
            loopback().watch(realPort);
        } catch (IOException e) {
            giveUp(e);
        }
    }

    /** Captures the veth link to a second host made beside this one; without it the rest of the trace stays. */
    void watchLinkTo(SecondHost secondHost) {
        if (unavailable != null) {
            return;
        }
        try {
            loopback().addInterface(secondHost.hostInterface(), secondHost.inetAddress());
        } catch (IOException e) {
            recorder.note("No packet trace on the link to the second host: " + e.getMessage() + ".");
        }
    }

    private PacketCapture loopback() throws IOException {
        if (onLoopback == null) {
            onLoopback = PacketCapture.onLoopback();
        }
        return onLoopback;
    }

    private void giveUp(IOException e) {
        unavailable = e.getMessage();
        recorder.note("No packet trace: " + unavailable + ".");
    }

    /** Why this scenario has no packet trace, or empty when it has one. */
    Optional<String> unavailable() {
        if (unavailable != null) {
            return Optional.of(unavailable);
        }
        return onLoopback == null && onLabHost == null
                ? Optional.of("no port of this scenario was captured") : Optional.empty();
    }

    /** The packets captured so far. */
    List<WirePacket> packets() {
        try {
            return onLabHost != null ? onLabHost.packets() : onLoopback.packets();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the packet capture: " + e.getMessage(), e);
        }
    }

    /** Puts the packets captured into the report, if anything was captured; read before the captures stop. */
    void keepTrace() {
        if (onLoopback == null && onLabHost == null) {
            return;
        }
        try {
            recorder.packets(packets().stream().map(packet -> packet.toPacket(recorder.startEpochMicros())).toList());
        } catch (IllegalStateException e) {
            recorder.note("No complete packet trace: " + e.getMessage() + ".");
        }
    }

    /** Stops the loopback capture; the lab host's capture stops with its lab host. */
    void close() {
        PacketCapture closing = onLoopback;
        onLoopback = null;
        onLabHost = null;
        if (closing != null) {
            closing.close();
        }
    }
}
