package org.socketlab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Limit;

/** A second host is made for real and leaves nothing behind: no namespace, no veth, no firewall rule. */
class SecondHostTest {
    private static String run(String... command) throws Exception {
        ChildProcess.Result result = ChildProcess.command(List.of(command)).run(Duration.ofSeconds(10));
        assertThat(result.ending().stoppedFor()).isEqualTo(Limit.NONE);
        return result.output();
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
