package org.socketlab.report;

import org.junit.jupiter.api.parallel.Isolated;
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
@Isolated("it replaces System.out to read what the plugin prints")
class ScenarioConsolePluginTest {
    @TempDir
    Path features;

    @Test
    void eachScenarioIsOneBlockEvenWhenTwoRunSideBySide() throws IOException {
        // Each waits 400 ms for a reply that cannot come, so with two threads the two run at the same time.
        Files.writeString(features.resolve("side-by-side.feature"), """
                Feature: Two at once
                  Scenario: The one that fails
                    Given clients wait 400 ms for a reply
                    And no server on UDP port 6100
                    When the UDP client sends "udp words" to port 6100
                    Then the client fails with no reply
                    And the client receives "NOT WHAT CAME BACK"

                  Scenario: The one that passes
                    Given clients wait 400 ms for a reply
                    And a UDP uppercase server on port 6200
                    When the UDP client sends "other words" to port 6201
                    Then the client fails with no reply
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

        assertThat(block(console, "Scenario: The one that fails"))
                .startsWith("Scenario: The one that fails    # side-by-side.feature:2 (failed)")
                .contains("  ✔ And no server on UDP port 6100\n",
                        "  ✔ When the UDP client sends \"udp words\" to port 6100\n",
                        "  ✘ And the client receives \"NOT WHAT CAME BACK\"\n      ")
                .doesNotContain("other words", "6200", "6201", "failed:");
        assertThat(block(console, "Scenario: The one that passes"))
                .startsWith("Scenario: The one that passes    # side-by-side.feature:9 (passed)")
                .contains("  ✔ And a UDP uppercase server on port 6200\n",
                        "  ✔ When the UDP client sends \"other words\" to port 6201\n",
                        "  ✔ Then the client fails with no reply\n")
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
