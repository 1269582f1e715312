package org.socketlab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A second host is made for real and leaves nothing behind: no namespace, no veth, no firewall rule. */
class SecondHostTest {
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void isMadeReachableAndRemovedWithEverythingInIt() throws Exception {
        assumeTrue(SecondHost.unavailable().isEmpty(), () -> "skipped: " + SecondHost.unavailable().orElse(""));
        String name;
        String hostInterface;
        try (SecondHost host = SecondHost.create()) {
            name = host.name();
            hostInterface = host.hostInterface();
            host.firewall("tcp", 9, "DROP");

            assertThat(run("ip", "netns", "list")).contains(name);
            assertThat(run("ip", "netns", "exec", name, "iptables", "-S", "INPUT")).contains("--dport 9 -j DROP");
            assertThat(host.inetAddress().isReachable(2000)).as("ping the second host").isTrue();
            assertThat(run("ip", "-br", "addr")).contains(host.localAddress());
        }
        assertThat(run("ip", "netns", "list")).doesNotContain(name);
        assertThat(run("ip", "-br", "link")).doesNotContain(hostInterface);
    }
}
