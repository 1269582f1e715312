package org.socketlab.wire;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab host's temporary directory (its packet captures), named after the JVM that made it:
 * {@code socket-lab-host-<pid>-<random>}. A JVM removes its own when it closes the lab host; a JVM that was killed
 * cannot, so making a directory first removes those whose JVM is gone. The lab host's namespaces need no such
 * sweep: they end with the JVM (see {@link LabHost}).
 */
final class LabHostDirectory {
    private static final String PREFIX = "socket-lab-host-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]+)-[0-9]+");

    private LabHostDirectory() {
    }

    /** A new directory for a lab host, after removing the directories of JVMs that ended without removing theirs. */
    static Path create() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        removeOrphans(temporary);
        return Files.createTempDirectory(temporary, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** Removes the directory and its files; a file that cannot be removed is left (not worth failing a scenario). */
    static void delete(Path directory) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // left behind; the next JVM's sweep tries again once this one has ended
        }
    }

    /** The directories in {@code temporary} whose JVM is no longer running are removed. */
    static void removeOrphans(Path temporary) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temporary, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher name = NAME.matcher(entry.getFileName().toString());
                // A pid that is running again for another process only delays the removal until that one ends.
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()
                        && Files.isDirectory(entry)) {
                    delete(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // another user's directory, or a temporary directory we may not list: nothing of ours to remove
        }
    }
}
