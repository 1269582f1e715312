package org.socketlab.lab;

import org.junit.jupiter.api.parallel.Isolated;
import org.socketlab.model.PortMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;

/** The lab bench's own rules, apart from any feature file. */
@Isolated("it sets lab.isolation, which every class that makes a lab host reads")
class LabScenarioTest {
    @Test
    void onALabHostOfItsOwnALabPortIsTheRealPort() {
        org.junit.jupiter.api.Assumptions.assumeTrue(LabScenario.isolated(),
                () -> "no lab hosts here: " + LabScenario.isolation().note());
        try (LabScenario lab = new LabScenario(new ScenarioRecorder())) {
            assertThat(lab.realPort(12000)).isEqualTo(12000);
            assertThat(lab.realPort(4000)).isEqualTo(4000);
            lab.startServer(Transport.UDP, 12000);
            lab.send(Transport.UDP, 12000, "asmaa", false);
            lab.expectReply("ASMAA");
            assertThat(lab.recorder().snapshot().ports()).containsExactly(new PortMapping(12000, 12000),
                    new PortMapping(4000, 4000));
        }
    }

    @Test
    void aLabPortMapsToOneRealPortBelowTheEphemeralRange() throws Exception {
        NoIsolation.during(() -> {
            try (LabScenario lab = new LabScenario(new ScenarioRecorder())) {
                int real = lab.realPort(12000);

                assertThat(lab.realPort(12000)).isEqualTo(real);
                assertThat(lab.realPort(4000)).isNotEqualTo(real);
                assertThat(lab.recorder().snapshot().ports()).contains(new PortMapping(12000, real));
                Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
                if (Files.exists(range)) {
                    // A client's own source port comes from that range: it must never equal a server's port.
                    int ephemeralStart = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
                    assertThat(real).isLessThan(ephemeralStart);
                }
            }
            return null;
        });
    }

    @Test
    void aPortOutOfRangeIsPassedToTheProgramsUnchanged() {
        try (LabScenario lab = new LabScenario(new ScenarioRecorder())) {
            assertThat(lab.realPort(70000)).isEqualTo(70000);
            lab.send(Transport.UDP, 70000, "x", false);
            lab.expectClientFails(Outcome.PORT_OUT_OF_RANGE);
        }
    }

    @Test
    void aMismatchShowsExpectedAndObservedAndIsRecorded() {
        try (LabScenario lab = new LabScenario(new ScenarioRecorder())) {
            lab.startServer(Transport.UDP, 12000);
            lab.send(Transport.UDP, 12000, "asmaa", false);

            assertThatThrownBy(() -> lab.expectReply("asmaa"))
                    .hasMessageContaining("expected: the client receives \"asmaa\"")
                    .hasMessageContaining("observed: the client received \"ASMAA\"");
            assertThat(lab.recorder().snapshot().checks()).singleElement()
                    .satisfies(check -> assertThat(check.met()).isFalse());
        }
    }
}
