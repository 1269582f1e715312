package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Scenarios running side by side print to the console each as one block, with why a step failed under it. */
class ScenarioConsolePluginTest {
    @TempDir
    Path features;

    @Test
    void eachScenarioIsOneBlockEvenWhenTwoRunSideBySide() throws IOException {
        Files.writeString(features.resolve("side-by-side.feature"), """
                Feature: Two at once
                  Scenario: The UDP one
                    Given a UDP uppercase server on port 6100
                    When the UDP client sends "udp words" to port 6100
                    Then the client receives "UDP WORDS"
                    And the client receives "NOT WHAT CAME BACK"

                  Scenario: The TCP one
                    Given a TCP uppercase server on port 6200
                    When the TCP client sends "tcp words" to port 6200
                    Then the client receives "TCP WORDS"
                    And the server prints "The server is ready to receive"
                """);
        String console = consoleOf(() -> EngineTestKit.engine("cucumber")
                .selectors(selectDirectory(features.toFile()))
                .configurationParameter("cucumber.glue", "org.socketlab.steps")
                .configurationParameter("cucumber.plugin", ScenarioConsolePlugin.class.getName())
                .configurationParameter("cucumber.execution.parallel.enabled", "true")
                .configurationParameter("cucumber.execution.parallel.config.strategy", "fixed")
                .configurationParameter("cucumber.execution.parallel.config.fixed.parallelism", "2")
                .configurationParameter("cucumber.execution.parallel.config.fixed.max-pool-size", "2")
                .execute());

        assertThat(block(console, "Scenario: The UDP one"))
                .startsWith("Scenario: The UDP one    # side-by-side.feature:2 (failed)")
                .contains("  ✔ Given a UDP uppercase server on port 6100\n",
                        "  ✔ When the UDP client sends \"udp words\" to port 6100\n",
                        "  ✘ And the client receives \"NOT WHAT CAME BACK\"\n      ")
                .contains("UDP WORDS")
                .doesNotContain("tcp words", "6200");
        assertThat(block(console, "Scenario: The TCP one"))
                .startsWith("Scenario: The TCP one    # side-by-side.feature:8 (passed)")
                .contains("  ✔ Then the client receives \"TCP WORDS\"\n",
                        "  ✔ And the server prints \"The server is ready to receive\"")
                .doesNotContain("udp words", "6100");
    }

    /** The scenario's lines: from its heading to the blank line that ends its block. */
    private static String block(String console, String heading) {
        int start = console.indexOf(heading);
        assertThat(start).as("%s in:%n%s", heading, console).isNotNegative();
        int end = console.indexOf("\n\n", start);
        return console.substring(start, end < 0 ? console.length() : end + 1);
    }

    private static String consoleOf(Runnable run) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
