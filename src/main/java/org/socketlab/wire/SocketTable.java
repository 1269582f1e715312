package org.socketlab.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A host's socket table as the kernel lists it in {@code /proc/<pid>/net/{tcp,tcp6,udp,udp6}} for the network
 * namespace of that process: which ports are bound, without touching the programs. Connecting to a server to see
 * whether it is up would spend the seed's one-at-a-time accept (and a UDP probe is a datagram it answers).
 */
public final class SocketTable {
    /** TCP states as /proc prints them, in hex. */
    private static final int TCP_LISTEN = 0x0A;
    private static final int TCP_SYN_SENT = 0x02;
    private static final int TCP_ESTABLISHED = 0x01;

    /** One socket: its protocol ({@code tcp} or {@code udp}), local port, and TCP state. */
    public record Entry(String protocol, int localPort, int remotePort, int state, long inode) {
        public boolean listening() {
            return protocol.equals("udp") ? remotePort == 0 : state == TCP_LISTEN;
        }

        public boolean connecting() {
            return protocol.equals("tcp") && state == TCP_SYN_SENT;
        }

        public boolean established() {
            return protocol.equals("tcp") && state == TCP_ESTABLISHED;
        }
    }

    private final List<Entry> entries;

    private SocketTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The table of the namespace process {@code pid} is in ({@code self} for this JVM's own). */
    public static SocketTable of(String pid) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String file : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path path = Path.of("/proc", pid, "net", file);
            if (!Files.exists(path)) {
                continue; // no IPv6 in this kernel
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                entries.add(parse(file.substring(0, 3), line.trim().split("\\s+")));
            }
        }
        return new SocketTable(entries);
    }

    private static Entry parse(String protocol, String[] fields) {
        // "sl local_address rem_address st ... inode": addresses are HEXADDR:HEXPORT
        int local = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
        int remote = Integer.parseInt(fields[2].substring(fields[2].indexOf(':') + 1), 16);
        int state = Integer.parseInt(fields[3], 16);
        return new Entry(protocol, local, remote, state, Long.parseLong(fields[9]));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Whether a server is bound to the port: a listening TCP socket, or a UDP socket with no peer. */
    public boolean bound(String protocol, int port) {
        return entries.stream().anyMatch(e -> e.protocol().equals(protocol.toLowerCase(Locale.ROOT))
                && e.localPort() == port && e.listening());
    }

    /** The ports servers are bound to for the protocol, for saying which port a program took instead. */
    public List<Integer> boundPorts(String protocol) {
        return entries.stream().filter(e -> e.protocol().equals(protocol.toLowerCase(Locale.ROOT)) && e.listening())
                .map(Entry::localPort).distinct().sorted().toList();
    }
}
