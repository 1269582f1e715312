package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.model.Event;
import org.socketlab.model.Packet;
import org.socketlab.model.PortMapping;
import org.socketlab.model.ScenarioObservations;
import org.socketlab.wire.WirePacket;

/** The pieces the page is made of: descriptions, the cover's sources, the diagram's layout, the verdicts. */
class PartsTest {
    @TempDir
    Path dir;

    @Test
    void descriptionsSplitIntoTheAnswerAndTheOsNote() {
        List<String> paragraphs = Descriptions.paragraphs("""
                    The SYN is answered
                    by a RST.

                    Other systems: Windows retries
                    for 2 s.
                    - then WinError 10061
                """);
        assertThat(Descriptions.answer(paragraphs)).containsExactly("The SYN is answered by a RST.");
        assertThat(Descriptions.otherSystems(paragraphs)).containsExactly("Windows retries for 2 s.\n- then "
                + "WinError 10061");
        assertThat(Descriptions.paragraphs("  ")).isEmpty();
    }

    @Test
    void theCoverComesFromLabPropertiesAndEachKeyCanBeOverridden() throws IOException {
        Path file = dir.resolve("lab.properties");
        Files.writeString(file, "lab.course=Networks\nlab.student=أسماء جمال\nlab.studentId=  \n");
        Cover cover = LabProperties.cover(file, Map.of("lab.course", "Data Communications Networks")::get);
        assertThat(cover.course()).isEqualTo("Data Communications Networks");
        assertThat(cover.student()).isEqualTo("أسماء جمال");
        assertThat(cover.studentId()).isNull();
        assertThat(LabProperties.cover(dir.resolve("absent"), key -> null).student()).isNull();
    }

    @Test
    void theShippedLabPropertiesHasTheSeedsNames() {
        Cover cover = LabProperties.cover(Path.of("lab.properties"), key -> null);
        assertThat(cover).isEqualTo(new Cover("Data Communications Networks", "Socket Programming",
                "Asmaa Gamal Abdel-Halem Mabrouk Nagy", "15010473 - section 8",
                "Prof. Dr. Noha ElKorany, Prof. Dr. Karim Banawan", "Communication & Electronics Department"));
    }

    @Test
    void aPartTwoTraceIsDrawnFromTheProgramsEventsWhichNameBrowserProxyAndOrigin() {
        // A short trace (the caching client's) has no lab port to name its parties by: they came out "client 2".
        ScenarioObservations withEvents = ReportFixture.conditionalGet().observations();
        List<Packet> shortTrace = List.of(
                new Packet(0, "127.0.0.1:50300", "127.0.0.1:2000", "TCP", "S", null, 0, "", 0),
                new Packet(31, "127.0.0.1:2000", "127.0.0.1:50300", "TCP", "S.", null, 0, "", 0));
        ScenarioObservations observations = new ScenarioObservations(withEvents.ports(), withEvents.consoles(),
                withEvents.runs(), withEvents.events(), withEvents.checks(), withEvents.http(), shortTrace,
                withEvents.notes());

        SequenceDiagram diagram = SequenceDiagram.of(observations);

        assertThat(diagram.lanes()).extracting(SequenceDiagram.Lane::name).containsExactly("browser", "proxy", "origin");
    }

    @Test
    void eventsAreLaidOutWithTheClientLeftAndEachKindItsOwnMark() {
        SequenceDiagram diagram = SequenceDiagram.ofEvents(List.of(
                new Event(0, "server", "client", Event.Kind.REPLY, "late"),
                new Event(1, "client", "server", Event.Kind.REFUSED, "SYN answered by RST"),
                new Event(2, "client", "server", Event.Kind.LOST, "datagram"),
                new Event(3, "client", "client", Event.Kind.TIMEOUT, "waited 2 s")));
        assertThat(diagram.lanes()).extracting(SequenceDiagram.Lane::name).containsExactly("client", "server");
        SequenceDiagram.Lane client = diagram.lanes().get(0);
        SequenceDiagram.Lane server = diagram.lanes().get(1);
        assertThat(diagram.rows()).extracting(SequenceDiagram.Row::kind)
                .containsExactly("reply", "refused", "lost", "timeout");
        SequenceDiagram.Row reply = diagram.rows().get(0);
        assertThat(reply.filled()).isTrue();
        assertThat(reply.mark()).startsWith("M" + client.x() + " ");
        SequenceDiagram.Row refused = diagram.rows().get(1);
        assertThat(refused.filled()).isFalse();
        assertThat(refused.mark()).isEqualTo("M" + server.x() + " " + (refused.y() - 8) + " L" + server.x() + " "
                + (refused.y() + 8));
        SequenceDiagram.Row lost = diagram.rows().get(2);
        assertThat(lost.x2()).isBetween(client.x() + 1, server.x() - 1);
        SequenceDiagram.Row timeout = diagram.rows().get(3);
        assertThat(timeout.line()).isFalse();
        assertThat(timeout.box()).isTrue();
        assertThat(diagram.rows()).extracting(SequenceDiagram.Row::y).isSorted();
        assertThat(diagram.width()).isGreaterThan(server.x());
        assertThat(diagram.height()).isGreaterThan(timeout.y());
    }

    @Test
    void packetsAreDrawnBetweenEndpointsAndIcmpGoesBackToTheSender() {
        // As WirePacket.toPacket makes them: the ICMP text names no port, the quoted packet's port is a field.
        // The ICMP follows another client's datagram, so only the quoted port places it.
        Packet icmp = new WirePacket(40, "127.0.0.1", 0, "127.0.0.1", 0, "ICMP", null, "3/3 port unreachable",
                23998, new byte[30]).toPacket(0);
        assertThat(icmp.quotedPort()).isEqualTo(23998);
        SequenceDiagram diagram = SequenceDiagram.of(new org.socketlab.model.ScenarioObservations(
                List.of(new PortMapping(12000, 23998), new PortMapping(12001, 23999)), Map.of(), List.of(), List.of(),
                List.of(), List.of(),
                List.of(new Packet(0, "127.0.0.1:40710", "127.0.0.1:23998", "UDP", null, null, 2, "hi", 0),
                        new Packet(20, "127.0.0.1:40711", "127.0.0.1:23999", "UDP", null, null, 2, "yo", 0),
                        icmp), List.of()));
        assertThat(diagram.source()).isEqualTo("packets");
        assertThat(diagram.lanes()).extracting(SequenceDiagram.Lane::name, SequenceDiagram.Lane::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("client", "127.0.0.1:40710"),
                        org.assertj.core.groups.Tuple.tuple("client 2", "127.0.0.1:40711"),
                        org.assertj.core.groups.Tuple.tuple("server", "127.0.0.1:23998 (lab 12000)"),
                        org.assertj.core.groups.Tuple.tuple("server", "127.0.0.1:23999 (lab 12001)"));
        assertThat(diagram.rows()).extracting(SequenceDiagram.Row::kind, SequenceDiagram.Row::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data", "UDP 2 B \"hi\""),
                        org.assertj.core.groups.Tuple.tuple("data", "UDP 2 B \"yo\""),
                        org.assertj.core.groups.Tuple.tuple("icmp", "ICMP 3/3 port unreachable (port 23998)"));
        SequenceDiagram.Row row = diagram.rows().get(2);
        assertThat(row.x1()).as("from the port the quoted datagram went to").isEqualTo(diagram.lanes().get(2).x());
        // An arrow stops 2 px short of its lifeline, for the arrowhead.
        assertThat(row.x2()).as("back to the client that sent it").isCloseTo(diagram.lanes().get(0).x(), within(2));
        assertThat(row.x1()).isGreaterThan(row.x2());
        assertThat(SequenceDiagram.tcpFlags("R.")).isEqualTo("RST, ACK");
    }

    @Test
    void icmpv6IsIcmpToo() {
        SequenceDiagram diagram = SequenceDiagram.ofPackets(List.of(
                new Packet(0, "[::1]:40710", "[::1]:23998", "UDP", null, null, 2, "hi", 0),
                new Packet(40, "[::1]", "[::1]", "ICMPv6", null, "1/4 port unreachable", 0,
                        "quotes a packet to port 23998", 23998)), List.of(new PortMapping(12000, 23998)));
        assertThat(diagram.rows()).extracting(SequenceDiagram.Row::kind, SequenceDiagram.Row::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data", "UDP 2 B \"hi\""),
                        org.assertj.core.groups.Tuple.tuple("icmp", "ICMPv6 1/4 port unreachable (port 23998)"));
        SequenceDiagram.Row row = diagram.rows().get(1);
        assertThat(row.x1()).isGreaterThan(row.x2());
        List<Packet> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new Packet(i, "[::1]:40710", "[::1]:23998", "TCP", ".", null, 0, "", 0));
        }
        many.add(new Packet(500, "[::1]", "[::1]", "ICMPv6", null, null, 0, "", 0));
        assertThat(ReportView.packetRows(many)).as("a long trace keeps its ICMPv6 rows").hasSize(1);
    }

    @Test
    void verdictsFollowCucumbersStatus() {
        assertThat(Verdict.ofStatus("PASSED")).isEqualTo(Verdict.AS_EXPECTED);
        assertThat(Verdict.ofStatus("FAILED")).isEqualTo(Verdict.NOT_AS_EXPECTED);
        assertThat(Verdict.ofStatus("AMBIGUOUS")).isEqualTo(Verdict.NOT_AS_EXPECTED);
        assertThat(Verdict.ofStatus("SKIPPED")).isEqualTo(Verdict.SKIPPED);
        assertThat(Verdict.ofStatus("PENDING")).isEqualTo(Verdict.UNDEFINED);
        assertThat(Verdict.ofStatus("UNDEFINED")).isEqualTo(Verdict.UNDEFINED);
        assertThat(new VerdictCounts(3, 0, 1, 0).overall()).isEqualTo(Verdict.SKIPPED);
        assertThat(new VerdictCounts(0, 0, 0, 0).overall()).isNull();
    }

    @Test
    void verdictCountsReadAsOneSentence() {
        assertThat(new VerdictCounts(2, 1, 3, 0).sentence())
                .isEqualTo("6 scenarios: 2 as expected, 1 not as expected, 3 skipped, 0 undefined");
    }
}
