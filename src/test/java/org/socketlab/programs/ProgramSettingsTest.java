package org.socketlab.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.model.FileDigest;
import org.socketlab.model.ProgramInfo;

/** The lab.program.* settings: where they come from, how a command line is split, and each mistake's one line. */
class ProgramSettingsTest {
    /** SHA-256 of the four bytes {@code test}. */
    private static final String TEST_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path project;
    @TempDir
    Path bin;
    private String searchPath;

    @BeforeEach
    void aPathWithPython() throws IOException {
        executable(bin.resolve("python3"));
        searchPath = bin.toString();
    }

    @Test
    void withoutKeysEveryRoleIsSocketLabsOwnProgram() throws Exception {
        ProgramSettings settings = load(new Properties());

        assertThat(settings.all()).isEmpty();
        assertThat(settings.program("udp-server")).isEmpty();
        assertThat(settings.knownRoles()).containsExactly("udp-server", "udp-client", "tcp-server", "tcp-client",
                "line-server", "udp-client-connected");
        assertThat(settings.programInfos()).containsExactly(
                new ProgramInfo("udp-server", "socket-lab udp-server", List.of()),
                new ProgramInfo("udp-client", "socket-lab udp-client", List.of()),
                new ProgramInfo("tcp-server", "socket-lab tcp-server", List.of()),
                new ProgramInfo("tcp-client", "socket-lab tcp-client", List.of()),
                new ProgramInfo("line-server", "socket-lab line-server", List.of()),
                new ProgramInfo("udp-client-connected", "socket-lab udp-client --connected", List.of()));
    }

    @Test
    void aCommandNamesItsFilesWhichAreDigested() throws Exception {
        Files.createDirectories(project.resolve("submission"));
        Files.writeString(project.resolve("submission/udp_server.py"), "test");
        properties("lab.program.udp-server=python3 submission/udp_server.py {port}\n"
                + "lab.program.tcp-server=\n");

        ProgramSettings settings = load(new Properties());

        ProgramCommand server = settings.program("udp-server").orElseThrow();
        assertThat(server.words()).containsExactly("python3", "submission/udp_server.py", "{port}");
        assertThat(server.takesPort()).isTrue();
        assertThat(server.resolve("127.0.0.1", 41234)).containsExactly("python3", "submission/udp_server.py",
                "41234");
        // python3 is found on the PATH: not one of the submission's files
        assertThat(server.files()).containsExactly(project.resolve("submission/udp_server.py").toAbsolutePath().normalize());
        assertThat(settings.program("tcp-server")).as("an empty value: socket-lab's own").isEmpty();
        assertThat(settings.all()).containsOnlyKeys("udp-server");
        assertThat(settings.programInfos()).first().isEqualTo(new ProgramInfo("udp-server",
                "python3 submission/udp_server.py {port}", List.of(new FileDigest("submission/udp_server.py",
                        TEST_SHA256))));
        assertThat(settings.programInfos()).extracting(ProgramInfo::command)
                .contains("socket-lab tcp-server");
    }

    @Test
    void aProgramGivenAsAPathIsOneOfItsFiles() throws Exception {
        executable(project.resolve("server"));
        Files.writeString(project.resolve("server"), "test");
        properties("lab.program.tcp-server=./server --port {port} --bind {host}\n"
                + "lab.program.tcp-client=./server\n");

        ProgramSettings settings = load(new Properties());

        ProgramCommand server = settings.program("tcp-server").orElseThrow();
        assertThat(server.files()).containsExactly(project.resolve("server").toAbsolutePath().normalize());
        assertThat(server.resolve("::1", 5000)).containsExactly("./server", "--port", "5000", "--bind", "::1");
        assertThat(settings.program("tcp-client").orElseThrow().takesPort())
                .as("the port written inside the program").isFalse();
        assertThat(settings.programInfos().get(2).files()).containsExactly(new FileDigest("server", TEST_SHA256));
    }

    @Test
    void aFileOutsideTheProjectIsShownAsTheCommandNamesIt() throws Exception {
        Path main = Files.createDirectories(project.resolve("main"));
        Files.createDirectories(project.resolve("shared/seed"));
        Files.writeString(project.resolve("shared/seed/udp_server.py"), "test");
        Files.writeString(main.resolve("lab.properties"), "lab.program.udp-server=python3 ../shared/seed/udp_server.py "
                + "./../shared/seed/udp_server.py\n");

        ProgramSettings settings = ProgramSettings.load(main, Path.of("features"), new Properties(), searchPath);

        assertThat(settings.program("udp-server").orElseThrow().files())
                .containsExactly(project.resolve("shared/seed/udp_server.py").toAbsolutePath().normalize());
        assertThat(settings.programInfos().get(0).files()).as("each file once, as the command names it")
                .containsExactly(new FileDigest("../shared/seed/udp_server.py", TEST_SHA256));
    }

    @Test
    void commandLinesSplitLikeAShellWithoutOne() {
        assertThat(ProgramCommand.split("  python3   'my dir/a b.py'  {port} ")).containsExactly("python3",
                "my dir/a b.py", "{port}");
        assertThat(ProgramCommand.split("echo \"say \\\"hi\\\" \\\\ \\n\"")).containsExactly("echo",
                "say \"hi\" \\ \\n");
        assertThat(ProgramCommand.split("a\\ b 'c'\"d\"e '' \"\"")).containsExactly("a b", "cde", "", "");
        assertThat(ProgramCommand.split("'$HOME' *.py ~ a;b|c")).containsExactly("$HOME", "*.py", "~", "a;b|c");
        assertThatThrownBy(() -> ProgramCommand.split("python3 'server.py")).hasMessage(
                "the ' quote opened at character 9 is not closed");
        assertThatThrownBy(() -> ProgramCommand.split("python3 \"server.py")).hasMessage(
                "the \" quote opened at character 9 is not closed");
        assertThatThrownBy(() -> ProgramCommand.split("python3 server.py\\")).hasMessage(
                "it ends with a backslash that escapes nothing");
    }

    @Test
    void quotedWordsReachTheProgramWhole() throws Exception {
        Files.createDirectories(project.resolve("my submission"));
        Files.writeString(project.resolve("my submission/udp client.py"), "test");
        properties("lab.program.udp-client=python3 'my submission/udp client.py' \"{host}\" {port}\n");

        ProgramCommand client = load(new Properties()).program("udp-client").orElseThrow();

        assertThat(client.resolve("10.0.0.2", 12000)).containsExactly("python3", "my submission/udp client.py",
                "10.0.0.2", "12000");
        assertThat(client.commandLine()).isEqualTo("python3 'my submission/udp client.py' \"{host}\" {port}");
    }

    @Test
    void aSystemPropertyWinsOverLabProperties() throws Exception {
        Files.writeString(project.resolve("a.py"), "a");
        Files.writeString(project.resolve("b.py"), "b");
        properties("lab.program.udp-server=python3 a.py\nlab.program.udp-client=python3 a.py\n");
        Properties system = new Properties();
        system.setProperty("lab.program.udp-server", "python3 b.py {port}");
        system.setProperty("lab.program.udp-client", "");

        ProgramSettings settings = load(system);

        assertThat(settings.program("udp-server").orElseThrow().commandLine()).isEqualTo("python3 b.py {port}");
        assertThat(settings.program("udp-client")).as("emptied on the command line: socket-lab's own").isEmpty();
    }

    @Test
    void requireProgramsIsReadFromTheFileAndASystemPropertyWins() throws Exception {
        assertThat(load(new Properties()).requirePrograms()).as("unset").isFalse();
        properties("lab.requirePrograms=TRUE\n");
        assertThat(load(new Properties()).requirePrograms()).isTrue();
        assertThat(load(new Properties()).programInfos()).filteredOn(info -> info.role().equals("tcp-server"))
                .singleElement().satisfies(info -> assertThat(info.command()).contains("skipped"));
        Properties system = new Properties();
        system.setProperty(ProgramSettings.REQUIRE_PROGRAMS, "false");
        assertThat(load(system).requirePrograms()).isFalse();
    }

    @Test
    void aRequireProgramsThatIsNeitherTrueNorFalseIsNamed() {
        Properties system = new Properties();
        system.setProperty(ProgramSettings.REQUIRE_PROGRAMS, "yes");
        assertThat(failure(system)).startsWith("lab.requirePrograms (given with -D) is \"yes\": write true");
    }

    @Test
    void readyWithinIsTenSecondsUnlessSetAndASystemPropertyWins() throws Exception {
        assertThat(load(new Properties()).readyWithin()).as("unset").isEqualTo(Duration.ofSeconds(10));
        properties("lab.readyWithin=30s\n");
        assertThat(load(new Properties()).readyWithin()).isEqualTo(Duration.ofSeconds(30));
        Properties system = new Properties();
        system.setProperty(ProgramSettings.READY_WITHIN, "500ms");
        assertThat(load(system).readyWithin()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aReadyWithinThatIsNoTimeOrOutOfRangeIsNamed() {
        Properties system = new Properties();
        system.setProperty(ProgramSettings.READY_WITHIN, "soon");
        assertThat(failure(system)).startsWith("lab.readyWithin (given with -D) is \"soon\": invalid duration");
        system.setProperty(ProgramSettings.READY_WITHIN, "0s");
        assertThat(failure(system)).contains("write a time between 1ms and 10m");
        system.setProperty(ProgramSettings.READY_WITHIN, "11m");
        assertThat(failure(system)).contains("write a time between 1ms and 10m");
    }

    @Test
    void labPropertiesCanBeAnotherFile() throws Exception {
        Files.writeString(project.resolve("a.py"), "a");
        Files.writeString(project.resolve("other.properties"), "lab.program.udp-server=python3 a.py\n");
        Properties system = new Properties();
        system.setProperty("lab.properties", "other.properties");

        assertThat(load(system).program("udp-server")).isPresent();
    }

    @Test
    void rolesComeFromTheFeaturesThatNameAProgram() throws Exception {
        Path features = Files.createDirectories(project.resolve("features/extra"));
        Files.writeString(features.resolve("9-ping.feature"), """
                Feature: Ping
                  Scenario: pinging
                    When the program "pinger" runs with "{host} {port}"
                    # When the program "ghost" runs
                    Then the program "pinger" prints "pong" and the program "echo.v2" is quiet
                """, StandardCharsets.UTF_8);
        Files.writeString(features.resolve("README.md"), "the program \"readme-only\"");
        Files.writeString(project.resolve("pinger.py"), "test");
        properties("lab.program.pinger=python3 pinger.py {host} {port}\n");

        ProgramSettings settings = load(new Properties());

        assertThat(settings.knownRoles()).containsExactly("udp-server", "udp-client", "tcp-server", "tcp-client",
                "line-server", "udp-client-connected", "pinger", "echo.v2");
        assertThat(settings.program("pinger").orElseThrow().takesHost()).isTrue();
        assertThat(settings.programInfos()).extracting(ProgramInfo::command).endsWith(
                "python3 pinger.py {host} {port}", "not set (no lab.program.echo.v2; socket-lab has no program of "
                        + "that name)");
    }

    @Test
    void aMissingFileSaysWhereItLooked() throws IOException {
        properties("lab.program.udp-server=python3 submission/udp_srver.py {port}\n");
        assertThat(failure(new Properties())).isEqualTo("lab.program.udp-server in lab.properties is \"python3 "
                + "submission/udp_srver.py {port}\": no file submission/udp_srver.py (looked for "
                + project.toAbsolutePath().normalize().resolve("submission/udp_srver.py") + ")");

        properties("lab.program.udp-server=python3 server.py\n");
        assertThat(failure(new Properties())).endsWith(": no file server.py (looked for "
                + project.toAbsolutePath().normalize().resolve("server.py") + ")");
    }

    @Test
    void aProgramThatIsNeitherOnThePathNorAFileIsNamed() throws IOException {
        properties("lab.program.tcp-client=pyhton3 client.py\n");
        assertThat(failure(new Properties())).isEqualTo("lab.program.tcp-client in lab.properties is \"pyhton3 "
                + "client.py\": no program pyhton3 on the PATH (" + searchPath + ")");

        executable(project.resolve("client"));
        properties("lab.program.tcp-client=client {port}\n");
        assertThat(failure(new Properties())).endsWith("no program client on the PATH (" + searchPath + "); to run "
                + "the file client in the project directory, write ./client");

        properties("lab.program.tcp-client=./bin/client {port}\n");
        assertThat(failure(new Properties())).endsWith(": no program ./bin/client (looked for "
                + project.toAbsolutePath().normalize().resolve("bin/client") + ")");

        Files.writeString(project.resolve("client.sh"), "echo hi");
        properties("lab.program.tcp-client=./client.sh\n");
        assertThat(failure(new Properties())).endsWith(": ./client.sh is not executable (chmod +x ./client.sh, or "
                + "name its interpreter first, e.g. python3 ./client.sh)");
    }

    @Test
    void anUnknownPlaceholderIsNamed() throws IOException {
        Files.writeString(project.resolve("server.py"), "x");
        properties("lab.program.udp-server=python3 server.py {prot}\n");
        assertThat(failure(new Properties())).isEqualTo("lab.program.udp-server in lab.properties is \"python3 "
                + "server.py {prot}\": unknown placeholder {prot}; only {host} and {port} are replaced");
    }

    @Test
    void anUnknownRoleListsTheKnownOnes() throws IOException {
        Files.createDirectories(project.resolve("features"));
        Files.writeString(project.resolve("features/ping.feature"), "When the program \"pinger\" runs\n");
        Properties system = new Properties();
        system.setProperty("lab.program.udp-srever", "python3 server.py");
        assertThat(failure(system)).isEqualTo("lab.program.udp-srever (given with -D) is \"python3 server.py\": "
                + "unknown role \"udp-srever\"; the known roles are udp-server, udp-client, tcp-server, tcp-client, "
                + "line-server, udp-client-connected, pinger (a feature adds one by naming it as the program "
                + "\"NAME\")");
    }

    @Test
    void brokenQuotingIsNamed() throws IOException {
        properties("lab.program.udp-server=python3 'server.py {port}\n");
        assertThat(failure(new Properties())).isEqualTo("lab.program.udp-server in lab.properties is \"python3 "
                + "'server.py {port}\": the ' quote opened at character 9 is not closed");
    }

    @Test
    void severalMistakesAreOneLineNamingTheFirst() throws IOException {
        properties("lab.program.udp-server=python3 a.py\nlab.program.tcp-server=python3 b.py\n"
                + "lab.program.zzz=x\n");
        String message = failure(new Properties());
        assertThat(message).startsWith("lab.program.udp-server in lab.properties is \"python3 a.py\": no file a.py")
                .endsWith("(and 2 more lab.program settings are wrong)")
                .doesNotContain("\n");
    }

    @Test
    void urlsOptionsAndPlaceholdersAreNotTakenForFiles() throws Exception {
        properties("lab.program.tcp-client=python3 -m http.client http://lab.test/ {host}/x --out=a/b\n");
        ProgramCommand client = load(new Properties()).program("tcp-client").orElseThrow();
        assertThat(client.files()).isEmpty();
    }

    @Test
    void theRealPathIsSearchedByDefault() throws Exception {
        properties("lab.program.tcp-server=sh -c 'exec cat'\n");
        ProgramSettings settings = ProgramSettings.load(project, Path.of("features"), new Properties());
        assertThat(settings.program("tcp-server").orElseThrow().words()).containsExactly("sh", "-c", "exec cat");
        assertThat(settings.programInfos().get(2)).isEqualTo(new ProgramInfo("tcp-server", "sh -c 'exec cat'",
                List.of()));
    }

    @Test
    void currentIsLoadedOnce() {
        assertThat(ProgramSettings.current()).isSameAs(ProgramSettings.current());
        assertThat(ProgramSettings.current().knownRoles()).startsWith("udp-server");
    }

    private ProgramSettings load(Properties system) throws SettingsException {
        return ProgramSettings.load(project, Path.of("features"), system, searchPath);
    }

    private String failure(Properties system) {
        try {
            load(system);
        } catch (SettingsException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("the settings loaded");
    }

    private void properties(String text) throws IOException {
        Files.writeString(project.resolve("lab.properties"), text, StandardCharsets.UTF_8);
    }

    private static void executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
