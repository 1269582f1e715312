package org.socketlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.socketlab.wire.LabHost;

/**
 * Who a program that is not socket-lab's own runs as. On its lab host it reaches no network but the scenario's,
 * {@link org.socketlab.programs.ChildProcess} bounds its time, memory and output, and here, when the lab runs as
 * root, it gets no root.
 */
final class Untrusted {
    /** How long a program that is not socket-lab's own may run: it is stopped then, and the report says so. */
    static final java.time.Duration TIME_LIMIT = java.time.Duration.ofSeconds(60);

    private static final String NOBODY = "65534";

    private Untrusted() {
    }

    /**
     * The command, run as user nobody with no capabilities when this JVM is root and nobody can reach the
     * project directory; else as it is (an unprivileged lab runs it as its own user, without capabilities).
     */
    static List<String> dropPrivileges(List<String> words, Path directory) {
        if (!LabHost.jvmMayJoin() // root
                || !reachableByOthers(directory) || !reachableByOthers(executable(words.get(0), directory))) {
            return words; // nobody could not even start it (a python3 under /root/.pyenv, a checkout under /root)
        }
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--"));
        command.addAll(words);
        return command;
    }

    /** The file the command's first word runs: a path as given, else the first match on the PATH. */
    private static Path executable(String program, Path directory) {
        if (program.contains("/")) {
            return directory.resolve(program);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/nonexistent");
    }

    private static boolean reachableByOthers(Path directory) {
        for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }
}
