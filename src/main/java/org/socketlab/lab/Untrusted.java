package org.socketlab.lab;

import java.io.IOException;
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
     * When this JVM is root: the command run as the project directory's owner where that is a user other than
     * root (a student who ran {@code sudo mvn verify}: their programs write where they could), else as user nobody
     * where nobody can reach the project directory and the program, else as root; each with every capability
     * dropped, for good (the bounding set emptied, no new privileges on exec). Otherwise as it is: an unprivileged
     * lab runs it as its own user, without capabilities.
     */
    static List<String> dropPrivileges(List<String> words, Path directory) {
        if (!LabHost.jvmMayJoin()) { // not root
            return words;
        }
        List<String> command = new ArrayList<>(List.of("setpriv"));
        Path program = executable(words.get(0), directory);
        int owner = id(directory, "unix:uid", 0);
        if (owner > 0 && reachable(directory, owner) && reachable(program, owner)) {
            // The directory's group, unless root's (a project made with sudo, then given to its user): then nobody's.
            int group = id(directory, "unix:gid", 0);
            command.addAll(List.of("--reuid=" + owner, "--regid=" + (group > 0 ? group : NOBODY), "--clear-groups"));
        } else if (reachable(directory, -1) && reachable(program, -1)) {
            // Nobody could not even start a python3 under /root/.pyenv or a checkout under /root: those stay root's.
            command.addAll(List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of("--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        command.addAll(words);
        return command;
    }

    /** The path's owner ({@code unix:uid}) or group ({@code unix:gid}); {@code otherwise} when it cannot tell. */
    private static int id(Path path, String attribute, int otherwise) {
        try {
            return (Integer) Files.getAttribute(path, attribute);
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
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

    /**
     * Whether user {@code uid} (-1: any user, by the others' bits) may pass through every directory down to the path
     * and the path itself: by the owner's bits where it owns one, else the others' (groups not looked at).
     */
    private static boolean reachable(Path path, int uid) {
        for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                if (!permissions.contains(uid >= 0 && id(dir, "unix:uid", 0) == uid ? PosixFilePermission.OWNER_EXECUTE
                        : PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }
}
