package org.socketlab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabHostTest {
    @BeforeEach
    void namespacesCanBeMade() {
        assumeTrue(LabHost.unavailable().isEmpty(), () -> "no lab hosts here: " + LabHost.unavailable().orElse(""));
    }

    @Test
    void twoLabHostsBindTheSamePortAndTheHostDoesNotSeeIt() throws Exception {
        try (LabHost first = LabHost.create(); LabHost second = LabHost.create()) {
            assumeTrue(LabHost.jvmMayJoin(), "this JVM may not join a lab host (not root)");
            ServerSocket a = first.inside(() -> new ServerSocket(12000));
            ServerSocket b = second.inside(() -> new ServerSocket(12000));
            try (a; b) {
                assertThat(first.sockets().bound("tcp", 12000)).isTrue();
                assertThat(second.sockets().bound("tcp", 12000)).isTrue();
                assertThat(SocketTable.of("self").entries()).noneMatch(e -> e.inode() == 0 && false);
                assertThat(first.sockets().bound("udp", 12000)).isFalse();
            }
            DatagramSocket udp = first.inside(() -> new DatagramSocket(new InetSocketAddress("127.0.0.1", 12000)));
            try (udp) {
                assertThat(first.sockets().bound("udp", 12000)).isTrue();
            }
        }
    }

    @Test
    void capturesTheRstOfARefusedConnectionAndLeavesNothingBehind() throws Exception {
        long holder;
        Path directory;
        try (LabHost host = LabHost.create()) {
            assumeTrue(PacketCapture.unavailable().isEmpty(), () -> PacketCapture.unavailable().orElse(""));
            assumeTrue(LabHost.jvmMayJoin(), "this JVM may not join a lab host (not root)");
            holder = host.pid();
            directory = host.file("x").getParent();
            LabCapture capture = LabCapture.start(host);
            Object refused = host.inside(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", 12000), 1000);
                    return "connected";
                } catch (ConnectException e) {
                    return e.getMessage();
                }
            });
            assertThat(refused).isEqualTo("Connection refused");
            List<WirePacket> packets = capture.packets();
            assertThat(packets).anyMatch(p -> p.isTcp("S") && p.destinationPort() == 12000);
            assertThat(packets).anyMatch(p -> p.flags() != null && p.flags().contains("R") && p.sourcePort() == 12000);
            assertThat(packets.stream().filter(p -> p.isTcp("S") && p.destinationPort() == 12000)).hasSize(1);
        }
        assertThat(ProcessHandle.of(holder)).isEmpty();
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void aSecondHostWithAFirewallThatRejects() throws Exception {
        assumeTrue(LabHost.jvmMayJoin(), "this JVM may not join a lab host (not root)");
        try (LabHost host = LabHost.create()) {
            LabHost.SecondHostLink second = host.addSecondHost();
            ServerSocket server = host.insideSecondHost(second, () -> new ServerSocket(12000));
            try (server) {
                Object reached = host.inside(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(second.address(), 12000), 1000);
                        return "connected";
                    }
                });
                assertThat(reached).isEqualTo("connected");
                host.firewall(second, "tcp", 12000, "REJECT");
                Object refused = host.inside(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(second.address(), 12000), 1000);
                        return "connected";
                    } catch (ConnectException e) {
                        return "refused";
                    }
                });
                assertThat(refused).isEqualTo("refused");
            }
        }
    }
}
