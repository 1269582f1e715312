package org.socketlab.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * What an instructor meets when writing features: a new feature from the glossary's steps runs as it is, and
 * mistakes (an undefined step, a port out of range, broken Gherkin) fail with a message saying what to fix.
 */
class FeatureFilesTest {
    @TempDir
    Path features;

    private EngineExecutionResults run(String featureText) throws IOException {
        Files.writeString(features.resolve("instructor.feature"), featureText);
        return EngineTestKit.engine("cucumber")
                .selectors(selectDirectory(features.toFile()))
                .configurationParameter("cucumber.glue", "org.socketlab.steps")
                .configurationParameter("cucumber.plugin", "summary")
                .configurationParameter("cucumber.execution.parallel.enabled", "false")
                .execute();
    }

    private static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .map(payload -> ((org.junit.platform.engine.TestExecutionResult) payload).getThrowable())
                .flatMap(Optional::stream)
                .map(Throwable::getMessage)
                .toList();
    }

    @Test
    void aNewFeatureWrittenWithTheGlossaryStepsRuns() throws IOException {
        EngineExecutionResults results = run("""
                Feature: An instructor's own questions
                  Scenario: Arabic over TCP on another port pair
                    Given a TCP uppercase server on port 6000
                    When the TCP client sends "أسماء جمال" to port 6000
                    Then the client prints "From Server: أسماء جمال"

                  Scenario: IPv6 loopback
                    Given the lab host is "::1"
                    And a UDP uppercase server on port 7000
                    When the UDP client sends "über" to port 7000
                    Then the client receives "ÜBER"

                  Scenario: A short wait
                    Given clients wait 300 ms for a reply
                    And no server on UDP port 7001
                    When the UDP client sends "x" to port 7001
                    Then the client fails with no reply
                """);

        assertThat(failureMessages(results)).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
    }

    @Test
    void anUndefinedStepSaysWhichStepAndHowToDefineIt() throws IOException {
        EngineExecutionResults results = run("""
                Feature: Typo
                  Scenario: A transport that does not exist
                    Given a QUIC uppercase server on port 12000
                """);

        assertThat(failureMessages(results)).singleElement().asString()
                .contains("a QUIC uppercase server on port 12000")
                .contains("undefined")
                .contains("@Given(\"a QUIC uppercase server on port {int}\")");
    }

    @Test
    void aPortOutOfRangeIsReportedByTheProgram() throws IOException {
        EngineExecutionResults results = run("""
                Feature: Bad port
                  Scenario: Port 70000
                    Given a UDP uppercase server on port 70000
                """);

        assertThat(failureMessages(results)).singleElement().asString()
                .contains("port 70000 is out of range")
                .contains("from 0 to 65535");
    }

    @Test
    void aLabPortBusyOnThisMachineStillWorks() throws IOException {
        try (DatagramSocket udp = bindUdpOrNull(12000); ServerSocket tcp = bindTcpOrNull(12000)) {
            EngineExecutionResults results = run("""
                    Feature: Busy machine
                      Scenario: 12000 is taken here
                        Given a UDP uppercase server on port 12000
                        And a TCP uppercase server on port 12000
                        When the UDP client sends "busy" to port 12000
                        Then the client receives "BUSY"
                        When the TCP client sends "busy" to port 12000
                        Then the client receives "BUSY"
                    """);

            assertThat(failureMessages(results)).isEmpty();
            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        }
    }

    @Test
    void aSecondServerOnTheSameLabPortFailsWithPortInUse() throws IOException {
        EngineExecutionResults results = run("""
                Feature: Twice
                  Scenario: The same lab port twice
                    Given a UDP uppercase server on port 12000
                    And a UDP uppercase server on port 12000
                """);

        assertThat(failureMessages(results)).singleElement().asString()
                .contains("is already in use");
    }

    @Test
    void brokenGherkinSaysWhereItIsBroken() throws IOException {
        EngineExecutionResults results = run("""
                Feature: Broken
                  Scenario: A table with a missing cell
                    Given a UDP uppercase server on port 12000
                      | a | b |
                      | c |
                """);

        String all = results.allEvents().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                .flatMap(Optional::stream)
                .flatMap(result -> result.getThrowable().stream())
                .map(FeatureFilesTest::withCauses)
                .reduce("", String::concat);
        assertThat(all).contains("instructor.feature").contains("(5:").contains("inconsistent cell count");
    }

    private static String withCauses(Throwable throwable) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(withCauses(suppressed));
            }
        }
        return text.toString();
    }

    private static DatagramSocket bindUdpOrNull(int port) {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (SocketException alreadyBusy) {
            return null; // busy already: just as good for this test
        }
    }

    private static ServerSocket bindTcpOrNull(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        } catch (IOException alreadyBusy) {
            return null;
        }
    }
}
