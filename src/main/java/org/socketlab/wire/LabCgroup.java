package org.socketlab.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketlab.programs.ChildProcess;

/**
 * What the programs run in one lab host may take together: at most {@link #MOST_PROCESSES} processes (a fork bomb
 * fails to fork instead of taking the machine's process ids) and {@link ChildProcess#STUDENT_MEMORY_LIMIT} of
 * memory (a program's limit is per process; its children each had their own). A cgroup below this JVM's own, in the
 * {@code pids} and {@code memory} hierarchies of cgroup v1, or one cgroup v2 where the JVM's cgroup hands both
 * controllers down. Only a root JVM may make them; elsewhere {@link #create()} is empty and the per-process limits
 * are all there is.
 *
 * <p>A program joins by its command line ({@link #joining}): a shell that moves itself in, then becomes the program,
 * before the program can start anything. The cgroups are named after their JVM, so that making one removes those a
 * killed JVM left (they are empty by then: the lab host's processes died with it).
 */
final class LabCgroup {
    /** Processes at most in one lab host's programs, all together. */
    static final int MOST_PROCESSES = 256;

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final String KIND = "socket-lab-";
    private static final AtomicInteger NEXT = new AtomicInteger();
    /** How long {@link #remove()} waits for the killed processes to leave, polling: cgroup v1 has no such event. */
    private static final long EMPTY_WAIT_NANOS = 2_000_000_000L;

    private final List<Path> directories;

    private LabCgroup(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** The cgroups for a new lab host, or empty where they cannot be made (not root, no such controllers). */
    static Optional<LabCgroup> create() {
        if (!ThreadInNamespace.JVM_IS_ROOT) {
            return Optional.empty();
        }
        List<Path> made = new ArrayList<>();
        String name = JvmLeftovers.prefix(KIND) + NEXT.incrementAndGet();
        try {
            for (Path parent : parents()) {
                JvmLeftovers.removeOrphans(parent, KIND, LabCgroup::removeDirectory); // empty: their processes died
                Path directory = Files.createDirectory(parent.resolve(name));
                made.add(directory);
                limit(directory);
            }
        } catch (IOException | RuntimeException e) {
            made.forEach(LabCgroup::removeDirectory);
            return Optional.empty();
        }
        return made.isEmpty() ? Optional.empty() : Optional.of(new LabCgroup(made));
    }

    /**
     * The command run as a member of these cgroups: {@code sh -c 'echo 0 > .../cgroup.procs ...; exec "$0" "$@"'}
     * followed by the command. Writing 0 moves the writer, the shell, which then becomes the command.
     */
    List<String> joining(List<String> command) {
        StringBuilder script = new StringBuilder();
        for (Path directory : directories) {
            script.append("echo 0 > ").append(LabHost.quote(directory.resolve("cgroup.procs").toString()))
                    .append(" && ");
        }
        script.append("exec \"$0\" \"$@\"");
        List<String> full = new ArrayList<>(List.of("sh", "-c", script.toString()));
        full.addAll(command);
        return full;
    }

    /** Removes the cgroups once the lab host's processes have left them (bounded). */
    void remove() {
        long deadline = System.nanoTime() + EMPTY_WAIT_NANOS;
        for (Path directory : directories) {
            while (!empty(directory) && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(5); // polling for the kernel to let the dead go: no event says so in cgroup v1
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            removeDirectory(directory);
        }
    }

    /** Where this JVM's own cgroups are, in the hierarchies that hold the pids and memory controllers. */
    private static List<Path> parents() throws IOException {
        List<Path> parents = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(":", 3); // hierarchy-id:controllers:path
            if (fields.length < 3) {
                continue;
            }
            for (String controller : List.of("pids", "memory")) {
                if (List.of(fields[1].split(",")).contains(controller)) {
                    parents.add(ROOT.resolve(controller).resolve(fields[2].substring(1)));
                }
            }
            if (fields[0].equals("0") && fields[1].isEmpty() && Files.exists(ROOT.resolve("cgroup.controllers"))) {
                Path own = ROOT.resolve(fields[2].substring(1)); // cgroup v2 alone
                String handedDown = Files.readString(own.resolve("cgroup.subtree_control"));
                if (handedDown.contains("pids") && handedDown.contains("memory")) {
                    parents.add(own);
                }
            }
        }
        return parents;
    }

    private static void limit(Path directory) throws IOException {
        String memory = Long.toString(ChildProcess.STUDENT_MEMORY_LIMIT);
        if (Files.exists(directory.resolve("pids.max"))) {
            Files.writeString(directory.resolve("pids.max"), Integer.toString(MOST_PROCESSES));
        }
        if (Files.exists(directory.resolve("memory.limit_in_bytes"))) { // v1
            Files.writeString(directory.resolve("memory.limit_in_bytes"), memory);
        }
        if (Files.exists(directory.resolve("memory.max"))) { // v2
            Files.writeString(directory.resolve("memory.max"), memory);
        }
    }

    private static boolean empty(Path directory) {
        try {
            return Files.readString(directory.resolve("cgroup.procs")).isBlank();
        } catch (IOException e) {
            return true; // gone, or unreadable: rmdir says which
        }
    }

    private static void removeDirectory(Path directory) {
        try {
            Files.deleteIfExists(directory); // a cgroup's files go with it; only rmdir is allowed
        } catch (IOException ignored) {
            // still busy, or already gone: the next JVM's sweep tries again once this one has ended
        }
    }
}
