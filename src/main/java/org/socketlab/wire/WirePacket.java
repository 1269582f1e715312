package org.socketlab.wire;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.socketlab.model.Packet;

/**
 * A decoded packet, with its payload kept for previews and for assertions on what crossed the wire.
 *
 * @param micros      capture time, microseconds since the epoch
 * @param icmp        for ICMP, type/code and meaning (e.g. {@code 3/3 port unreachable}); else null
 * @param quotedPort  for an ICMP error, the destination port of the packet it quotes; else 0
 * @param payload     TCP or UDP payload; for ICMP the quoted packet
 */
public record WirePacket(long micros, String source, int sourcePort, String destination, int destinationPort,
        String protocol, String flags, String icmp, int quotedPort, byte[] payload) {
    private static final Pattern HTTP_START =
            Pattern.compile("(GET|HEAD|POST|PUT|DELETE|OPTIONS|CONNECT|HTTP/1\\.[01]) ");
    private static final Pattern VALIDATOR =
            Pattern.compile("(?i)(if-none-match|if-modified-since|etag|last-modified|cache-control):");

    /** Whether it belongs to the given port: sent from or to it, or, for ICMP, quoting a packet sent to it. */
    public boolean concerns(int port) {
        return sourcePort == port || destinationPort == port || quotedPort == port;
    }

    /**
     * IPv6's own upkeep of a link (neighbour discovery, multicast listener reports: ICMPv6 types 130-143), which a
     * capture of a whole interface sees and which no program of the scenario sent.
     */
    public boolean isLinkHousekeeping() {
        if (!"ICMPv6".equals(protocol) || icmp == null) {
            return false;
        }
        int type = Integer.parseInt(icmp.substring(0, icmp.indexOf('/')));
        return type >= 130 && type <= 143;
    }

    public boolean isTcp(String tcpFlags) {
        return "TCP".equals(protocol) && tcpFlags.equals(flags);
    }

    public boolean isPortUnreachable() {
        return icmp != null && icmp.endsWith("port unreachable");
    }

    /** The payload as text, printable ASCII kept and everything else a dot, as tcpdump -A shows it. */
    public String payloadText() {
        StringBuilder text = new StringBuilder(payload.length);
        for (byte b : payload) {
            text.append(b >= 0x20 && b < 0x7f || b == '\n' ? (char) b : '.');
        }
        return text.toString();
    }

    /** The report's view of it, timed from the scenario's start. */
    public Packet toPacket(long scenarioStartMicros) {
        String preview = icmp != null ? "quotes a packet to port " + quotedPort : preview();
        return new Packet(micros - scenarioStartMicros, endpoint(source, sourcePort), endpoint(destination,
                destinationPort), protocol, flags, icmp, icmp != null ? 0 : payload.length, preview, quotedPort);
    }

    /**
     * The payload's start as text; for an HTTP message its first line, plus the validator headers it carries,
     * since those are what Part 2 looks for on the wire.
     */
    private String preview() {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        if (HTTP_START.matcher(text).lookingAt()) {
            StringBuilder preview = new StringBuilder(text.lines().findFirst().orElse(""));
            text.lines().filter(line -> VALIDATOR.matcher(line).lookingAt())
                    .forEach(line -> preview.append(" | ").append(line));
            return printable(preview.toString(), 240);
        }
        return printable(text, 80);
    }

    private static String printable(String text, int limit) {
        String cut = text.length() > limit ? text.substring(0, limit) : text;
        return cut.replaceAll("[^\\x20-\\x7e]", ".");
    }

    private static String endpoint(String address, int port) {
        String shown = address.contains(":") ? "[" + address + "]" : address;
        return port == 0 ? shown : shown + ":" + port;
    }
}
