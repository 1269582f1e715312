package org.socketlab.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the classic pcap file format that {@code tcpdump -w} writes (the format is 24 header bytes, then a
 * 16-byte record header before each packet), for Ethernet captures ({@code lo} and veth on Linux) carrying IPv4
 * or IPv6 with TCP, UDP, ICMP or ICMPv6. A packet cut short at the end of a file still being written is left
 * out, so a live capture can be read at any moment.
 */
public final class PcapReader {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;
    /** tcpdump -i any on newer libpcap: the protocol comes first, the header is 20 bytes. */
    private static final int LINKTYPE_LINUX_SLL2 = 276;

    private PcapReader() {
    }

    /** The packets in the file, in capture order; empty when the file has no complete header yet. */
    public static List<WirePacket> read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    static List<WirePacket> parse(byte[] bytes) {
        List<WirePacket> packets = new ArrayList<>();
        if (bytes.length < 24) {
            return packets;
        }
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = file.getInt(0);
        boolean nanos;
        switch (magic) {
            case 0xa1b2c3d4 -> nanos = false;
            case 0xa1b23c4d -> nanos = true;
            case 0xd4c3b2a1, 0x4d3cb2a1 -> {
                file.order(ByteOrder.BIG_ENDIAN);
                nanos = magic == 0x4d3cb2a1;
            }
            default -> throw new IllegalArgumentException("not a pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        int linkType = file.getInt(20);
        int offset = 24;
        while (offset + 16 <= bytes.length) {
            long seconds = Integer.toUnsignedLong(file.getInt(offset));
            long fraction = Integer.toUnsignedLong(file.getInt(offset + 4));
            int captured = file.getInt(offset + 8);
            int start = offset + 16;
            if (captured < 0 || start + captured > bytes.length) {
                break; // the capture is still writing this one
            }
            long micros = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
            byte[] frame = Arrays.copyOfRange(bytes, start, start + captured);
            WirePacket packet = decodeFrame(micros, frame, linkType);
            if (packet != null) {
                packets.add(packet);
            }
            offset = start + captured;
        }
        return packets;
    }

    /**
     * Reads a capture file tcpdump is still writing until it holds the UDP datagram carrying {@code token} (a
     * marker sent after everything the caller wants): tcpdump's file gives no event, so it is read again every
     * 5 ms, at most for {@code timeout}.
     */
    static List<WirePacket> readUntilMarker(Path file, String token, java.time.Duration timeout, String where)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<WirePacket> packets = Files.exists(file) ? read(file) : List.of();
            if (packets.stream().anyMatch(p -> "UDP".equals(p.protocol()) && p.payloadText().equals(token))) {
                return packets;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the capture on " + where + " did not catch up within "
                        + timeout.toSeconds() + " s, so the trace may be incomplete");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return packets;
            }
        }
    }

    private static WirePacket decodeFrame(long micros, byte[] frame, int linkType) {
        ByteBuffer data = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
        int etherType;
        int ipStart;
        if (linkType == LINKTYPE_ETHERNET && frame.length >= 14) {
            etherType = Short.toUnsignedInt(data.getShort(12));
            ipStart = 14;
        } else if (linkType == LINKTYPE_LINUX_SLL && frame.length >= 16) {
            etherType = Short.toUnsignedInt(data.getShort(14));
            ipStart = 16;
        } else if (linkType == LINKTYPE_LINUX_SLL2 && frame.length >= 20) {
            etherType = Short.toUnsignedInt(data.getShort(0));
            ipStart = 20;
        } else {
            return null;
        }
        if (etherType == 0x0800) {
            return decodeIpv4(micros, data, ipStart);
        }
        if (etherType == 0x86dd) {
            return decodeIpv6(micros, data, ipStart);
        }
        return null;
    }

    private static WirePacket decodeIpv4(long micros, ByteBuffer data, int ip) {
        if (data.limit() < ip + 20) {
            return null;
        }
        int headerLength = (data.get(ip) & 0x0f) * 4;
        int totalLength = Short.toUnsignedInt(data.getShort(ip + 2));
        int protocol = data.get(ip + 9) & 0xff;
        String source = address(data, ip + 12, 4);
        String destination = address(data, ip + 16, 4);
        int end = Math.min(data.limit(), ip + totalLength);
        return decodeTransport(micros, data, protocol, ip + headerLength, end, source, destination, false);
    }

    private static WirePacket decodeIpv6(long micros, ByteBuffer data, int ip) {
        if (data.limit() < ip + 40) {
            return null;
        }
        int payloadLength = Short.toUnsignedInt(data.getShort(ip + 4));
        int nextHeader = data.get(ip + 6) & 0xff;
        String source = address(data, ip + 8, 16);
        String destination = address(data, ip + 24, 16);
        int end = Math.min(data.limit(), ip + 40 + payloadLength);
        return decodeTransport(micros, data, nextHeader, ip + 40, end, source, destination, true);
    }

    private static WirePacket decodeTransport(long micros, ByteBuffer data, int protocol, int start, int end,
            String source, String destination, boolean ipv6) {
        if (protocol == 6 && end >= start + 20) {
            int sourcePort = Short.toUnsignedInt(data.getShort(start));
            int destinationPort = Short.toUnsignedInt(data.getShort(start + 2));
            int headerLength = ((data.get(start + 12) & 0xf0) >> 4) * 4;
            int flags = data.get(start + 13) & 0xff;
            byte[] payload = slice(data, start + headerLength, end);
            return new WirePacket(micros, source, sourcePort, destination, destinationPort, "TCP", tcpFlags(flags),
                    null, 0, payload);
        }
        if (protocol == 17 && end >= start + 8) {
            int sourcePort = Short.toUnsignedInt(data.getShort(start));
            int destinationPort = Short.toUnsignedInt(data.getShort(start + 2));
            return new WirePacket(micros, source, sourcePort, destination, destinationPort, "UDP", null, null, 0,
                    slice(data, start + 8, end));
        }
        if ((protocol == 1 && !ipv6 || protocol == 58 && ipv6) && end >= start + 8) {
            int type = data.get(start) & 0xff;
            int code = data.get(start + 1) & 0xff;
            // An error message quotes the offending packet: its IP header, then at least 8 bytes (the UDP ports).
            int quotedPort = quotedDestinationPort(data, start + 8, end, ipv6);
            return new WirePacket(micros, source, 0, destination, 0, ipv6 ? "ICMPv6" : "ICMP", null,
                    icmpMeaning(type, code, ipv6), quotedPort, slice(data, start + 8, end));
        }
        return null;
    }

    private static int quotedDestinationPort(ByteBuffer data, int quoted, int end, boolean ipv6) {
        int headerLength = ipv6 ? 40 : quoted < end ? (data.get(quoted) & 0x0f) * 4 : 0;
        int transport = quoted + headerLength;
        return headerLength > 0 && transport + 4 <= end ? Short.toUnsignedInt(data.getShort(transport + 2)) : 0;
    }

    static String icmpMeaning(int type, int code, boolean ipv6) {
        String meaning;
        if (!ipv6 && type == 3) {
            meaning = switch (code) {
                case 0 -> "net unreachable";
                case 1 -> "host unreachable";
                case 3 -> "port unreachable";
                case 13 -> "administratively prohibited";
                default -> "destination unreachable";
            };
        } else if (ipv6 && type == 1) {
            meaning = code == 4 ? "port unreachable" : "destination unreachable";
        } else if (type == (ipv6 ? 128 : 8)) {
            meaning = "echo request";
        } else if (type == (ipv6 ? 129 : 0)) {
            meaning = "echo reply";
        } else {
            meaning = "other";
        }
        return type + "/" + code + " " + meaning;
    }

    /** Flags as tcpdump prints them: S (SYN), F (FIN), R (RST), P (PUSH), then "." for ACK. */
    static String tcpFlags(int flags) {
        StringBuilder text = new StringBuilder();
        if ((flags & 0x02) != 0) {
            text.append('S');
        }
        if ((flags & 0x01) != 0) {
            text.append('F');
        }
        if ((flags & 0x04) != 0) {
            text.append('R');
        }
        if ((flags & 0x08) != 0) {
            text.append('P');
        }
        if ((flags & 0x10) != 0) {
            text.append('.');
        }
        return text.toString();
    }

    private static String address(ByteBuffer data, int offset, int length) {
        byte[] raw = new byte[length];
        data.get(offset, raw);
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] slice(ByteBuffer data, int from, int to) {
        if (from >= to) {
            return new byte[0];
        }
        byte[] payload = new byte[to - from];
        data.get(from, payload);
        return payload;
    }
}
