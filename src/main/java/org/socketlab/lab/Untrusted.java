package org.socketlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.socketlab.wire.LabHost;

/**
 * Who a program that is not socket-lab's own runs as. On its lab host it reaches no network but the scenario's and
 * sees no process but the lab host's, {@link org.socketlab.programs.ChildProcess} bounds its time, memory and
 * output, and here, when the lab runs as root, it gets no capability: it cannot enter another namespace (the
 * machine's network), mount, or raise its own limits.
 */
final class Untrusted {
    /** How long a program that is not socket-lab's own may run: it is stopped then, and the report says so. */
    static final java.time.Duration TIME_LIMIT = java.time.Duration.ofSeconds(60);

    private static final String NOBODY = "65534";

    private Untrusted() {
    }

    /**
     * When this JVM is root: the command run as user nobody where nobody can reach the project directory and the
     * program, else as root; either way with every capability dropped, for good (the bounding set emptied, no new
     * privileges on exec). Otherwise as it is: an unprivileged lab runs it as its own user, without capabilities.
     */
    static List<String> dropPrivileges(List<String> words, Path directory) {
        if (!LabHost.jvmMayJoin()) { // not root
            return words;
        }
        List<String> command = new ArrayList<>(List.of("setpriv"));
        // Nobody could not even start a python3 under /root/.pyenv or a checkout under /root: those stay root's.
        if (reachableByOthers(directory) && reachableByOthers(executable(words.get(0), directory))) {
            command.addAll(List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of("--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
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
