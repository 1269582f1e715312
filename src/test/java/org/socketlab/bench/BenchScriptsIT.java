package org.socketlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.ChildProcessBuilder;
import org.socketlab.programs.Limit;

/**
 * The benchmark scripts run end to end, shortened to a round of a second or two: they build their C programs, start
 * their servers, drive them, and print their summaries. Nothing here is timed; the figures are for BENCHMARKS.md,
 * not for a test. Not part of {@code mvn verify}: {@code mvn verify -Pfull} runs it, as CI does ({@code .ci/run}).
 */
class BenchScriptsIT {
    private static final Path BENCH = Path.of("bench");
    /** What a script may print, kept in memory until it ends: far more than a round's summaries. */
    private static final long OUTPUT_LIMIT = 64L << 20;

    private record Run(int exitCode, String output) {
    }

    private Run run(String script, Map<String, String> settings) throws IOException {
        // Its output is read as it comes, so a script never blocks on a full pipe; its input is closed.
        ChildProcessBuilder builder = ChildProcess.command(List.of("bash", BENCH.resolve(script).toString()))
                .outputLimit(OUTPUT_LIMIT);
        settings.forEach(builder::environment);
        ChildProcess.Result result = builder.run(Duration.ofMinutes(3));
        assertThat(result.ending().stoppedFor()).as("%s finished within 3 minutes; its output:%n%s", script,
                result.output()).isEqualTo(Limit.NONE);
        return new Run(result.ending().exitCode(), result.output());
    }

    private static boolean seedIsBeside() {
        return Files.isDirectory(Path.of("..", "shared", "seed", "python"));
    }

    @Test
    void compareRanksTheThreeServersWithTheCLoadGenerator() throws Exception {
        assumeTrue(onPath("gcc"), "gcc is not installed: the scripts build their C programs with it");
        Run compare = run("compare.sh", Map.of("ROUNDS", "1", "DURATION", "1s", "PREWARM", "1s", "IDLE", "10"));

        assertThat(compare.exitCode()).as(compare.output()).isZero();
        assertThat(compare.output())
                .contains("== summary: medians of 1 rounds")
                .contains("java: zero errors and zero wrong replies: yes")
                .contains("10 of 10 opened, 10 still open at the end")
                .containsPattern("java/c, tcp: +[0-9.]+ ")
                .containsPattern("java/c, udp: +[0-9.]+ ")
                .containsPattern("first reply [0-9.]+ ms after 10 idle connections connected")
                // every run shows what the server and the load generator spent per exchange
                .containsPattern("round 1  tcp  java +[0-9.]+ req/s  errors 0  wrong 0  cpu us/exchange: server "
                        + "[0-9.]+  load generator [0-9.]+")
                // the summary says, server by server, whether the load generator was the cheaper of the two
                .containsPattern("\ntcp +java( +[0-9.]+| +-){6} +(yes|no) +0 +0\n")
                .contains("When the load generator is dearer");
        for (String server : new String[] {"java", "c"}) {
            for (String proto : new String[] {"tcp", "udp"}) {
                // answered, and rightly: errors and wrong replies are the row's last two columns
                assertThat(compare.output()).containsPattern(proto + " +" + server + " +[0-9.]+ .* 0 +0\\n");
            }
        }
        if (seedIsBeside()) {
            assertThat(compare.output()).containsPattern("java/python, tcp: [0-9.]+");
        } else {
            assertThat(compare.output()).contains("java/python, tcp: none, the Python servers were skipped");
        }
    }

    @Test
    void ceilingRunsBothLoadGeneratorsAgainstEveryServer() throws Exception {
        assumeTrue(onPath("gcc"), "gcc is not installed: the scripts build their C programs with it");
        Run ceiling = run("ceiling.sh", Map.of("ROUNDS", "1", "DURATION", "2s", "PREWARM", "1s"));

        assertThat(ceiling.exitCode()).as(ceiling.output()).isZero();
        for (String proto : new String[] {"tcp", "udp"}) {
            for (String generator : new String[] {"bench", "c"}) {
                for (String server : new String[] {"c", "java"}) {
                    // answered, and rightly: errors and wrong replies are the row's last two columns
                    assertThat(ceiling.output()).containsPattern(
                            proto + " +" + generator + " +" + server + " +[0-9.]+ .* 0 +0\\n");
                }
            }
        }
        assertThat(ceiling.output()).containsPattern(
                "round 1  tcp  generator bench  server java +[0-9.]+ req/s .* cpu us/exchange: server [0-9.]+ "
                        + "generator [0-9.]+")
                .containsPattern("\ntcp +c +java( +[0-9.]+| +-){5} +(yes|no) +[0-9.]+ +0 +0\n");
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
