package org.socketlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.socketlab.programs.Commands;
import org.socketlab.programs.ProgramSettings;
import org.socketlab.wire.LabHost;

/**
 * The generic steps ({@code the program "NAME" runs with "..."}, {@code the datagram ... is sent to port N}): a
 * program the steps name gets its ports in the arguments the feature wrote, and a datagram sent to that port
 * reaches it (without a lab host: {@link NamedProgramsWithoutLabHostTest}); and what such a program, a student's,
 * can and cannot do on its lab host.
 */
class NamedProgramsTest {
    /** Another course's UDP pinger: host and port from its arguments, "pong" and the message back. */
    private static final String PINGER = """
            import sys
            from socket import *
            s = socket(AF_INET, SOCK_DGRAM)
            s.bind((sys.argv[1], int(sys.argv[2])))
            print('pinger ready', flush=True)
            while True:
                message, sender = s.recvfrom(2048)
                s.sendto(b'pong ' + message, sender)
            """;

    /** What a student's program could try: its capabilities, the processes it sees, entering a namespace. */
    private static final String PROBE = """
            import ctypes, os
            status = open('/proc/self/status').read().splitlines()
            print('CapEff', [line.split()[1] for line in status if line.startswith('CapEff')][0])
            print('processes', len([p for p in os.listdir('/proc') if p.isdigit()]))
            libc = ctypes.CDLL(None, use_errno=True)
            fd = os.open('/proc/self/ns/net', os.O_RDONLY)
            print('setns', libc.setns(fd, 0), ctypes.get_errno())
            def attempt(path, text):
                try:
                    with open(path, 'w') as f:
                        f.write(text)
                    return 'written'
                except OSError as e:
                    return e.strerror
            # Both harmless should they work: the lab host's own network's setting, sysrq's help.
            print('sysctl', attempt('/proc/sys/net/ipv4/ip_forward', '0'))
            print('sysrq', attempt('/proc/sysrq-trigger', 'h'))
            print('devices', ' '.join(sorted(os.listdir('/dev'))))
            print('terminal', os.path.exists(os.ttyname(0)))
            """;

    /** A fork bomb, slowed: forks until it cannot, each child sleeping, and says how many it got. */
    private static final String FORKER = """
            import os, time
            children = 0
            try:
                for i in range(2000):
                    if os.fork() == 0:
                        for fd in (0, 1, 2):  # the terminal: the program has ended when the parent has
                            os.close(fd)
                        time.sleep(60)
                        os._exit(0)
                    children += 1
                print('forked', children, flush=True)
            except OSError as e:
                print('fork failed after', children, flush=True)
            """;

    @TempDir
    Path project;

    @Test
    void onALabHostTheDatagramReachesTheProgramOnThePortTheFeatureWrote() throws Exception {
        assumeTrue(LabScenario.isolated(), () -> "no lab hosts here: " + LabScenario.isolation().note());
        pingOnPort12000(project);
    }

    @Test
    void onALabHostAProgramHasNoCapabilitySeesOnlyTheLabHostsProcessesAndCannotEnterANamespace() throws Exception {
        assumeTrue(LabScenario.isolated(), () -> "no lab hosts here: " + LabScenario.isolation().note());
        assumePython();
        List<String> printed = runToItsEnd("probe", "python3", PROBE);
        assertThat(printed).contains("CapEff 0000000000000000");
        // setns(2) needs CAP_SYS_ADMIN, even for the namespace the program is in: EPERM (1).
        assertThat(printed).contains("setns -1 1");
        // The lab host's shell, nsenter's child and the probe; not the machine's hundreds.
        assertThat(printed).anySatisfy(line -> assertThat(line).matches("processes [1-9]"));
        // Its terminal is there by its name, as ttyname(3) and the tty command look for it.
        assertThat(printed).contains("terminal True");
        if (LabHost.jvmMayJoin()) { // root: the program may be root too, and the kernel's files are read-only
            assertThat(printed).contains("sysctl Read-only file system",
                    "devices fd full null pts random shm stderr stdin stdout tty urandom zero")
                    .doesNotContain("sysrq written"); // read-only, or no sysrq in this kernel at all
        }
    }

    @Test
    void asRootAProgramRunsAsTheOwnerOfItsProjectWhereThatIsAUser() throws Exception {
        assumeTrue(LabScenario.isolated() && LabHost.jvmMayJoin(), "only a root JVM chooses whom a program runs as");
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 (a python3 anyone may run)");
        Files.setAttribute(project, "unix:uid", 4242); // a student's checkout, and a sudo mvn verify
        Files.setAttribute(project, "unix:gid", 4242);
        assertThat(runToItsEnd("whoami", python.toString(), "import os\nprint('uid', os.getuid())\n"))
                .containsExactly("uid 4242");
    }

    @Test
    void aForkBombOnALabHostRunsOutOfProcessesAtTheLabHostsLimitNotTheMachines() throws Exception {
        assumeTrue(LabScenario.isolated(), () -> "no lab hosts here: " + LabScenario.isolation().note());
        try (LabHost probe = LabHost.create()) {
            assumeTrue(probe.sharedLimits(), "no cgroup limits here: the JVM is not root, or has no pids controller");
        }
        assumePython();
        assertThat(runToItsEnd("forker", "python3", FORKER)).singleElement().satisfies(line -> {
            assertThat(line).startsWith("fork failed after ");
            assertThat(Integer.parseInt(line.substring("fork failed after ".length())))
                    .isLessThan(256); // the lab host's programs' limit, wire.LabCgroup.MOST_PROCESSES
        });
    }

    @Test
    void aNamedProgramWithPortInItsCommandIsSkippedSayingWhereThePortGoes() throws Exception {
        try (LabScenario lab = scenario("pinger", "python3 pinger.py {host} {port}")) {
            assertThatThrownBy(() -> lab.programs().start("pinger", ""))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("lab.program.pinger has {port}")
                    .hasMessageContaining("runs with \"{host} 12000\"");
        }
    }

    /** Runs the pinger on lab port 12000 and pings it there; returns the closed scenario for its record. */
    static LabScenario pingOnPort12000(Path project) throws Exception {
        assumePython();
        try (LabScenario lab = scenario(project, "pinger", "python3 pinger.py")) {
            lab.programs().start("pinger", "{host} 12000");
            lab.programs().expectPrints("pinger", "pinger ready");
            lab.programs().sendDatagram("ping 1", lab.realPort(12000), Duration.ofSeconds(2));
            lab.programs().expectReply("pong ping 1");
            return lab;
        }
    }

    private LabScenario scenario(String... namesAndCommands) throws Exception {
        return scenario(project, namesAndCommands);
    }

    /** A scenario in {@code project} with these programs named: name, command, name, command, ... */
    private static LabScenario scenario(Path project, String... namesAndCommands) throws Exception {
        Files.writeString(project.resolve("pinger.py"), PINGER);
        Properties settings = new Properties();
        StringBuilder feature = new StringBuilder();
        for (int i = 0; i < namesAndCommands.length; i += 2) {
            settings.setProperty(ProgramSettings.PREFIX + namesAndCommands[i], namesAndCommands[i + 1]);
            // A program's name is known to the settings when a feature names it.
            feature.append("When the program \"").append(namesAndCommands[i]).append("\" runs\n");
        }
        Files.createDirectories(project.resolve("features"));
        Files.writeString(project.resolve("features/ping.feature"), feature);
        return new LabScenario(new ScenarioRecorder(), ProgramSettings.load(project, Path.of("features"), settings));
    }

    /**
     * Runs {@code code}, a Python program named {@code name}, with {@code python} on a scenario's lab host, to its
     * end with exit status 0; returns what it printed, line by line.
     */
    private List<String> runToItsEnd(String name, String python, String code) throws Exception {
        Files.writeString(project.resolve(name + ".py"), code);
        try (LabScenario lab = scenario(name, python + " " + name + ".py")) {
            lab.programs().run(name, "");
            lab.programs().expectExitStatus(name, 0);
            return lab.recorder().snapshot().consoles().get(name).stream().map(line -> line.text()).toList();
        }
    }

    static void assumePython() {
        assumeTrue(Commands.runs(List.of("python3", "-c", "pass"), Duration.ofSeconds(30)),
                "python3 is not installed (apt-get install python3)");
    }
}
