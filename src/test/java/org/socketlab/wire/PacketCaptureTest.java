package org.socketlab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** tcpdump on loopback sees what FACTS.md says question (b) sends: a datagram, and ICMP port unreachable. */
class PacketCaptureTest {
    @Test
    void capturesADatagramToAClosedPortAndTheIcmpAnswer() throws Exception {
        assumeTrue(PacketCapture.unavailable().isEmpty(), () -> "skipped: " + PacketCapture.unavailable().orElse(""));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (PacketCapture capture = PacketCapture.onLoopback();
                DatagramSocket client = new DatagramSocket()) {
            capture.watch(closedPort);
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
            client.send(new DatagramPacket(new byte[] {'h', 'i'}, 2));
            client.setSoTimeout(2000);
            Executable receive = () -> client.receive(new DatagramPacket(new byte[16], 16));
            org.junit.jupiter.api.Assertions.assertThrows(PortUnreachableException.class, receive);

            assertThat(capture.packets())
                    .anySatisfy(p -> assertThat(p.protocol() + " " + p.destinationPort() + " " + p.payloadText())
                            .isEqualTo("UDP " + closedPort + " hi"))
                    .anySatisfy(p -> assertThat(p.isPortUnreachable() && p.quotedPort() == closedPort).isTrue())
                    .noneSatisfy(p -> assertThat(p.payloadText()).matches("[0-9a-f-]{36}"));
        }
    }
}
