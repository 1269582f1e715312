package org.socketlab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM that is killed (SIGKILL: no shutdown hook runs) leaves nothing of its lab hosts behind: the lab host's
 * shell reads its commands from that JVM, ends when the pipe closes, and the kernel ends everything in its pid
 * namespace, the server started there included; namespaces, veths and mounts go with them. Its temporary
 * directory, which only a JVM can remove, the next lab host made removes.
 */
class KilledJvmTest {
    /** Run in a JVM of its own: makes a lab host with a second host and a program inside, prints pids, waits. */
    public static void main(String[] args) throws Exception {
        LabHost host = LabHost.create();
        host.addSecondHost();
        Process sleeper = new ProcessBuilder(host.command(List.of("sleep", "600"), Path.of("/")))
                .start();
        ProcessHandle inside = null;
        for (int i = 0; i < 200 && inside == null; i++) { // nsenter forks the program into the pid namespace
            inside = sleeper.toHandle().descendants().findFirst().orElse(null);
            if (inside == null) {
                Thread.sleep(10);
            }
        }
        System.out.println(host.pid() + " " + (inside == null ? sleeper.pid() : inside.pid()) + " "
                + host.file("capture").getParent());
        System.out.flush();
        Thread.sleep(600_000);
    }

    @Test
    void aKilledJvmLeavesNoLabHostNorItsProgramsBehind() throws Exception {
        assumeTrue(LabHost.unavailable().isEmpty(), () -> "no lab hosts here: " + LabHost.unavailable().orElse(""));
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), KilledJvmTest.class.getName()).redirectErrorStream(true)
                .start();
        String[] pids;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the JVM made its lab host").isNotNull().matches("[0-9]+ [0-9]+ .+");
            pids = line.split(" ");
            ProcessHandle holder = ProcessHandle.of(Long.parseLong(pids[0])).orElseThrow();
            ProcessHandle program = ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();
            assertThat(holder.isAlive()).isTrue();
            assertThat(program.isAlive()).isTrue();

            jvm.destroyForcibly(); // SIGKILL
            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
            holder.onExit().get(10, TimeUnit.SECONDS);
            program.onExit().get(10, TimeUnit.SECONDS);
            assertThat(holder.isAlive()).isFalse();
            assertThat(program.isAlive()).as("the program inside the lab host").isFalse();

            // Its temporary directory it could not remove; the next lab host made removes it (this one, or one that
            // a class running beside this one made since the kill).
            Path directory = Path.of(pids[2]);
            LabHost.create().close();
            assertThat(directory).as("a killed JVM's lab-host directory, once another lab host is made").doesNotExist();
        } finally {
            jvm.destroyForcibly();
        }
    }
}
