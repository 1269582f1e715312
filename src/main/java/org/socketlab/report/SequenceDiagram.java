package org.socketlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.socketlab.model.Event;
import org.socketlab.model.Packet;
import org.socketlab.model.PortMapping;
import org.socketlab.model.ScenarioObservations;

/**
 * A scenario's sequence diagram, laid out: lanes (one per party) and one row per thing that crossed between
 * them, every coordinate computed here so that {@code sequence.ftlh} only draws. Drawn from the captured
 * packets when there are any (what really crossed the wire), otherwise from the events the programs observed.
 *
 * @param source  {@code packets} or {@code events}: what it was drawn from
 * @param width   the SVG's width in pixels
 * @param height  the SVG's height
 * @param top     where the lifelines start
 * @param bottom  where they end
 * @param lanes   the parties, left to right
 * @param rows    what happened, top to bottom
 * @param omitted rows left out to keep the picture small (the packet table still lists them)
 */
public record SequenceDiagram(String source, int width, int height, int top, int bottom, List<Lane> lanes,
        List<Row> rows, int omitted) {

    /**
     * A party's lifeline.
     *
     * @param name     e.g. {@code client}
     * @param detail   a second line under the name, e.g. {@code 127.0.0.1:50170}; may be empty
     * @param x        the lifeline's x
     * @param boxX     the name box's left edge
     * @param boxWidth the name box's width
     */
    public record Lane(String name, String detail, int x, int boxX, int boxWidth) {
    }

    /**
     * One thing that happened. Every row has a line from {@code x1} to {@code x2} at {@code y} unless
     * {@code x1 == x2}, a {@code mark} path at the line's end (filled when {@code filled}: an arrowhead; else
     * stroked: the bar of a refusal, the cross of a lost datagram), and for notes and waits a box.
     *
     * @param kind   the CSS class: {@code data}, {@code reply}, {@code connect}, {@code refused}, {@code reset},
     *               {@code icmp}, {@code lost}, {@code timeout}, {@code note}, {@code request}, {@code response},
     *               and for packets {@code rst}
     * @param time   the time shown in the left margin, e.g. {@code +12 ms}
     * @param y      the row's baseline
     * @param x1     where the line starts
     * @param x2     where it ends
     * @param mark   an SVG path for the line's end; empty when there is none
     * @param filled whether {@code mark} is filled (arrowhead) or stroked
     * @param label  the text shown, shortened to fit
     * @param title  the full text, shown as a tooltip
     * @param labelX where the label is anchored
     * @param labelY its baseline
     * @param anchor {@code middle} or {@code start}
     * @param boxX   the box's left edge for notes and waits; 0 and {@code boxWidth} 0 when there is no box
     * @param boxY   the box's top
     * @param boxWidth  its width
     * @param boxHeight its height
     */
    public record Row(String kind, String time, int y, int x1, int x2, String mark, boolean filled, String label,
            String title, int labelX, int labelY, String anchor, int boxX, int boxY, int boxWidth, int boxHeight) {

        /** Whether the row draws a line between two lanes. */
        public boolean line() {
            return x1 != x2;
        }

        /** Whether the row draws a box (notes, waits). */
        public boolean box() {
            return boxWidth > 0;
        }
    }

    static final int MAX_ROWS = 60;
    private static final int GUTTER = 58;
    private static final int GAP = 270;
    private static final int ROW = 32;
    private static final int HEADER = 40;
    private static final double CHAR = 6.2;
    /** Parties in the order a reader expects them, left to right; others follow in order of appearance. */
    private static final List<String> PARTY_ORDER = List.of("client", "browser", "proxy", "server", "origin");

    /** The diagram for a scenario, or null when nothing was recorded to draw. */
    static SequenceDiagram of(ScenarioObservations observations) {
        List<Packet> packets = observations.packets();
        // A browser's trace runs to hundreds of packets, and its parties (browser, proxy, origin) have no lab port
        // to name them by: for Part 2, and for any long trace, the programs' own events tell the story better.
        boolean eventsTellItBetter = !observations.events().isEmpty()
                && (packets.size() > MAX_ROWS || !observations.http().isEmpty());
        if (!packets.isEmpty() && !eventsTellItBetter) {
            return ofPackets(packets, observations.ports());
        }
        if (!observations.events().isEmpty()) {
            return ofEvents(observations.events());
        }
        return null;
    }

    static SequenceDiagram ofEvents(List<Event> events) {
        List<String> parties = new ArrayList<>();
        for (Event event : events) {
            addParty(parties, party(event.from()));
            addParty(parties, party(event.to()));
        }
        List<String> appearance = List.copyOf(parties);
        parties.sort((a, b) -> Integer.compare(rank(a, appearance), rank(b, appearance)));
        Layout layout = new Layout(parties.stream().map(p -> new String[] {p, ""}).toList());
        events.stream().limit(MAX_ROWS).forEach(event -> layout.event(event));
        return layout.build("events", Math.max(0, events.size() - MAX_ROWS));
    }

    static SequenceDiagram ofPackets(List<Packet> packets, List<PortMapping> ports) {
        Map<String, String[]> endpoints = new LinkedHashMap<>();
        int clients = 0;
        for (Packet packet : packets) {
            for (String endpoint : List.of(packet.source(), packet.destination())) {
                if (port(endpoint) < 0 || endpoints.containsKey(endpoint)) {
                    continue;
                }
                Integer labPort = labPort(ports, port(endpoint));
                String name = labPort != null ? "server" : ++clients == 1 ? "client" : "client " + clients;
                endpoints.put(endpoint, new String[] {name, endpoint + (labPort == null || labPort == port(endpoint)
                        ? "" : " (lab " + labPort + ")")});
            }
        }
        List<String> order = new ArrayList<>(endpoints.keySet());
        order.sort((a, b) -> Integer.compare(rank(endpoints.get(a)[0].replaceAll(" \\d+$", ""), List.of()),
                rank(endpoints.get(b)[0].replaceAll(" \\d+$", ""), List.of())));
        Layout layout = new Layout(order.stream().map(endpoints::get).toList());
        Map<String, Integer> laneOf = new LinkedHashMap<>();
        order.forEach(endpoint -> laneOf.put(endpoint, laneOf.size()));
        String previousSource = null;
        String previousDestination = null;
        int drawn = 0;
        for (int i = 0; i < packets.size() && drawn < MAX_ROWS; i++) {
            Packet packet = packets.get(i);
            Integer from = laneOf.get(packet.source());
            Integer to = laneOf.get(packet.destination());
            if (from == null || to == null) {
                // ICMP carries addresses only: it comes from the port of the packet it quotes, back to the last
                // one who sent there. Without a quoted port, the packet before it is the best guess.
                String origin = quotedEndpoint(laneOf.keySet(), packet).orElse(previousDestination);
                String target = previousSource;
                for (int j = i - 1; j >= 0; j--) {
                    Packet earlier = packets.get(j);
                    if (Objects.equals(earlier.destination(), origin) && laneOf.containsKey(earlier.source())) {
                        target = earlier.source();
                        break;
                    }
                }
                from = origin == null ? null : laneOf.get(origin);
                to = target == null ? null : laneOf.get(target);
            }
            if (from == null || to == null) {
                continue;
            }
            String kind = packetKind(packet, endpoints.get(order.get(from))[0].startsWith("server"));
            layout.arrow(kind, "+" + String.format(Locale.ROOT, "%.3f ms", packet.atMicros() / 1000.0), from, to,
                    packetLabel(packet));
            previousSource = packet.source();
            previousDestination = packet.destination();
            drawn++;
        }
        return layout.build("packets", packets.size() - drawn);
    }

    private static String party(String party) {
        return party == null || party.isBlank() ? "?" : party;
    }

    private static void addParty(List<String> parties, String party) {
        if (!parties.contains(party)) {
            parties.add(party);
        }
    }

    private static int rank(String party, List<String> appearance) {
        int known = PARTY_ORDER.indexOf(party);
        return known >= 0 ? known : PARTY_ORDER.size() + appearance.indexOf(party);
    }

    private static int port(String endpoint) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException notAPort) {
            return -1;
        }
    }

    private static Integer labPort(List<PortMapping> ports, int realPort) {
        return ports.stream().filter(p -> p.realPort() == realPort || p.labPort() == realPort)
                .map(PortMapping::labPort).findFirst().orElse(null);
    }

    /**
     * The endpoint an ICMP error's quoted packet was sent to: the ICMP's source address with the quoted port,
     * else any endpoint with that port.
     */
    private static Optional<String> quotedEndpoint(Set<String> endpoints, Packet packet) {
        if (!isIcmp(packet) || packet.quotedPort() <= 0) {
            return Optional.empty();
        }
        String exact = packet.source() + ":" + packet.quotedPort();
        if (endpoints.contains(exact)) {
            return Optional.of(exact);
        }
        return endpoints.stream().filter(e -> port(e) == packet.quotedPort()).findFirst();
    }

    /** ICMP or ICMPv6. */
    static boolean isIcmp(Packet packet) {
        return packet.protocol() != null && packet.protocol().toUpperCase(Locale.ROOT).startsWith("ICMP");
    }

    private static String packetKind(Packet packet, boolean fromServer) {
        String protocol = packet.protocol() == null ? "" : packet.protocol().toUpperCase(Locale.ROOT);
        String flags = packet.flags() == null ? "" : packet.flags();
        if (isIcmp(packet)) {
            return "icmp";
        }
        if (flags.contains("R")) {
            // A real packet that arrives: drawn as an arrow, in the colour of a refusal.
            return "rst";
        }
        if (flags.contains("S") || flags.contains("F") || protocol.equals("TCP") && packet.length() == 0) {
            return "connect";
        }
        return fromServer ? "reply" : "data";
    }

    static String packetLabel(Packet packet) {
        if (isIcmp(packet)) {
            // The text (3/3 port unreachable) does not say which port: the quoted packet does.
            return packet.protocol() + (packet.icmp() == null ? "" : " " + packet.icmp())
                    + (packet.quotedPort() > 0 ? " (port " + packet.quotedPort() + ")" : "");
        }
        String protocol = packet.protocol() == null ? "" : packet.protocol().toUpperCase(Locale.ROOT);
        StringBuilder label = new StringBuilder(protocol.equals("TCP") ? tcpFlags(packet.flags()) : protocol);
        if (packet.length() > 0) {
            label.append(' ').append(packet.length()).append(" B");
            if (packet.preview() != null && !packet.preview().isEmpty()) {
                label.append(" \"").append(packet.preview()).append('"');
            }
        }
        return label.toString();
    }

    /** tcpdump's flags in words: {@code S.} is SYN, ACK. */
    static String tcpFlags(String flags) {
        if (flags == null || flags.isEmpty()) {
            return "TCP";
        }
        List<String> words = new ArrayList<>();
        for (char flag : flags.toCharArray()) {
            switch (flag) {
                case 'S' -> words.add("SYN");
                case 'F' -> words.add("FIN");
                case 'R' -> words.add("RST");
                case 'P' -> words.add("PSH");
                case 'U' -> words.add("URG");
                case '.' -> words.add("ACK");
                default -> words.add(String.valueOf(flag));
            }
        }
        return String.join(", ", words);
    }

    /** Places lanes and rows; one per diagram. */
    private static final class Layout {
        private final List<Lane> lanes = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();
        private int y = HEADER + 22;
        private int right;

        Layout(List<String[]> parties) {
            int boxWidth = parties.stream().mapToInt(p -> Math.max(p[0].length(), p[1].length())).max().orElse(6);
            boxWidth = Math.min(GAP - 16, Math.max(84, (int) (boxWidth * CHAR) + 18));
            int first = GUTTER + boxWidth / 2 + 4;
            for (int i = 0; i < parties.size(); i++) {
                int x = first + i * GAP;
                lanes.add(new Lane(parties.get(i)[0], parties.get(i)[1], x, x - boxWidth / 2, boxWidth));
                names.add(parties.get(i)[0]);
            }
            right = lanes.isEmpty() ? GUTTER : lanes.get(lanes.size() - 1).x() + boxWidth / 2;
        }

        void event(Event event) {
            int from = names.indexOf(party(event.from()));
            int to = names.indexOf(party(event.to()));
            String kind = event.kind() == null ? "note" : event.kind().name().toLowerCase(Locale.ROOT)
                    .replace("icmp_unreachable", "icmp");
            String time = "+" + event.atMillis() + " ms";
            String label = event.label() == null ? kind : event.label();
            if (event.kind() == Event.Kind.TIMEOUT) {
                waitMark(time, from, label);
            } else if (event.kind() == Event.Kind.NOTE || from == to) {
                note(kind, time, from, label);
            } else {
                arrow(kind, time, from, to, label);
            }
        }

        void arrow(String kind, String time, int from, int to, String text) {
            int x1 = lanes.get(from).x();
            int x2 = lanes.get(to).x();
            int direction = Integer.signum(x2 - x1);
            String mark;
            boolean filled = false;
            int end = x2;
            switch (kind) {
                case "refused", "reset" -> {
                    end = x2 - direction * 2;
                    mark = path(x2, y - 8, x2, y + 8);
                }
                case "lost" -> {
                    end = x1 + (x2 - x1) * 62 / 100;
                    mark = path(end - 5, y - 5, end + 5, y + 5) + " " + path(end - 5, y + 5, end + 5, y - 5);
                }
                default -> {
                    end = x2 - direction * 2;
                    mark = "M" + x2 + " " + y + " L" + (x2 - direction * 10) + " " + (y - 5) + " L"
                            + (x2 - direction * 10) + " " + (y + 5) + " Z";
                    filled = true;
                }
            }
            // A lost datagram's label sits over the part of the way it went, clear of the cross.
            int span = "lost".equals(kind) ? Math.abs(end - x1) : Math.abs(x2 - x1);
            int fit = (int) ((span - 12) / CHAR);
            rows.add(new Row(kind, time, y, x1, end, mark, filled, shorten(text, fit), text,
                    "lost".equals(kind) ? (x1 + end) / 2 : (x1 + x2) / 2, y - 6, "middle", 0, 0, 0, 0));
            y += ROW;
        }

        void note(String kind, String time, int lane, String text) {
            int x = lanes.get(lane).x();
            String label = shorten(text, (int) ((GAP * 1.6) / CHAR));
            int width = (int) (label.length() * CHAR) + 16;
            rows.add(new Row(kind, time, y, x, x, "", false, label, text, x, y + 4, "middle", x - width / 2, y - 11,
                    width, 21));
            right = Math.max(right, x + width / 2);
            y += ROW;
        }

        void waitMark(String time, int lane, String text) {
            int x = lanes.get(lane).x();
            String label = shorten(text, (int) ((GAP * 1.4) / CHAR));
            // A wait takes a taller row: the box stands on the lifeline for the time nothing came.
            y += 6;
            rows.add(new Row("timeout", time, y, x, x, path(x - 7, y - 14, x + 7, y - 14) + " "
                    + path(x - 7, y + 14, x + 7, y + 14), false, label, text, x + 14, y + 4, "start", x - 5, y - 14,
                    10, 28));
            right = Math.max(right, x + 14 + (int) (label.length() * CHAR));
            y += ROW + 6;
        }

        SequenceDiagram build(String source, int omitted) {
            int bottom = y - ROW + 18;
            return new SequenceDiagram(source, right + 12, bottom + 8, HEADER, bottom, List.copyOf(lanes),
                    List.copyOf(rows), omitted);
        }

        private static String path(int x1, int y1, int x2, int y2) {
            return "M" + x1 + " " + y1 + " L" + x2 + " " + y2;
        }

        private static String shorten(String text, int chars) {
            int fit = Math.max(12, chars);
            return text.length() <= fit ? text : text.substring(0, fit - 1) + "…";
        }
    }
}
