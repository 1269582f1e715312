package org.socketlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help}, for the program and each of its five subcommands. */
class SocketLabHelpTest {
    @Test
    void helpListsTheFiveSubcommands() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: socket-lab")
                .containsPattern("(?m)^\\s+udp-server\\s")
                .containsPattern("(?m)^\\s+udp-client\\s")
                .containsPattern("(?m)^\\s+tcp-server\\s")
                .containsPattern("(?m)^\\s+tcp-client\\s")
                .containsPattern("(?m)^\\s+line-server\\s");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noSubcommandIsAUsageErrorWithExitCode2() {
        Cli.Run run = Cli.run("no-such-command");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp-server", "udp-client", "tcp-server", "tcp-client", "line-server"})
    void eachSubcommandHasHelp(String subcommand) {
        Cli.Run run = Cli.run(subcommand, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: socket-lab " + subcommand).contains("--port", "-h, --help");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"udp-server, 12000", "tcp-server, 12000", "line-server, 2000"})
    void serversDefaultToTheSeedsPortOnLoopback(String subcommand, int port) {
        assertThat(Cli.run(subcommand, "--help").out())
                .contains("--bind", "default: 127.0.0.1", "default: " + port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp-client", "tcp-client"})
    void clientsDefaultToTheSeedsServer(String subcommand) {
        assertThat(Cli.run(subcommand, "--help").out())
                .contains("--host", "default: 127.0.0.1", "default: 12000", "--timeout", "--message");
    }

    @Test
    void onlyTheUdpClientHasConnectedAndBuffer() {
        assertThat(Cli.run("udp-client", "--help").out()).contains("--connected", "--buffer");
        assertThat(Cli.run("tcp-client", "--help").out()).doesNotContain("--connected", "--buffer");
    }
}
