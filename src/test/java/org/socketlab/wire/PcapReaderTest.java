package org.socketlab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pcap reader on hand-built captures: the packets the assignment's questions are about. */
class PcapReaderTest {
    private static byte[] file(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(header.array());
        int second = 1_700_000_000;
        for (byte[] frame : frames) {
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(second++).putInt(250).putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static ByteBuffer ethernetIpv4(int protocol, int payloadLength) {
        ByteBuffer frame = ByteBuffer.allocate(14 + 20 + payloadLength);
        frame.position(12);
        frame.putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payloadLength)).putInt(0)
                .put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        return frame;
    }

    private static byte[] tcp(int from, int to, int flags) {
        ByteBuffer frame = ethernetIpv4(6, 20);
        frame.putShort((short) from).putShort((short) to).putInt(1).putInt(0)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
        return frame.array();
    }

    private static byte[] udp(int from, int to, String text) {
        byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer frame = ethernetIpv4(17, 8 + payload.length);
        frame.putShort((short) from).putShort((short) to).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return frame.array();
    }

    private static byte[] icmpPortUnreachable(int quotedDestinationPort) {
        ByteBuffer frame = ethernetIpv4(1, 8 + 20 + 8);
        frame.put((byte) 3).put((byte) 3).putShort((short) 0).putInt(0);
        frame.put((byte) 0x45).put(new byte[19]);
        frame.putShort((short) 40710).putShort((short) quotedDestinationPort).putInt(0);
        return frame.array();
    }

    @Test
    void readsASynAnsweredByAReset() {
        List<WirePacket> packets = PcapReader.parse(file(tcp(50170, 23999, 0x02), tcp(23999, 50170, 0x14)));

        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).isTcp("S")).isTrue();
        assertThat(packets.get(0).destinationPort()).isEqualTo(23999);
        assertThat(packets.get(1).flags()).isEqualTo("R.");
        assertThat(packets.get(1).micros() - packets.get(0).micros()).isEqualTo(1_000_000);
    }

    @Test
    void readsADatagramAndTheIcmpErrorQuotingIt() {
        List<WirePacket> packets = PcapReader.parse(file(udp(40710, 23998, "hi"), icmpPortUnreachable(23998)));

        assertThat(packets.get(0).protocol()).isEqualTo("UDP");
        assertThat(packets.get(0).payloadText()).isEqualTo("hi");
        assertThat(packets.get(1).icmp()).isEqualTo("3/3 port unreachable");
        assertThat(packets.get(1).isPortUnreachable()).isTrue();
        assertThat(packets.get(1).concerns(23998)).isTrue();
        assertThat(packets.get(1).toPacket(0).preview()).isEqualTo("quotes a packet to port 23998");
    }

    @Test
    void aPacketStillBeingWrittenIsLeftOut() {
        byte[] whole = file(udp(1, 2, "complete"), udp(1, 2, "cut short"));

        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);

        assertThat(PcapReader.parse(cut)).extracting(WirePacket::payloadText).containsExactly("complete");
        assertThat(PcapReader.parse(new byte[10])).isEmpty();
    }

    @Test
    void flagsReadAsTcpdumpWritesThem() {
        assertThat(PcapReader.tcpFlags(0x12)).isEqualTo("S.");
        assertThat(PcapReader.tcpFlags(0x18)).isEqualTo("P.");
        assertThat(PcapReader.tcpFlags(0x11)).isEqualTo("F.");
        assertThat(PcapReader.tcpFlags(0x10)).isEqualTo(".");
    }
}
