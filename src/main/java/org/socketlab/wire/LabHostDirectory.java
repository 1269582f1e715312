package org.socketlab.wire;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A lab host's temporary directory (its packet captures), named after the JVM that made it:
 * {@code socket-lab-host-<pid>-<random>}. A JVM removes its own when it closes the lab host; a JVM that was killed
 * cannot, so making a directory first removes those whose JVM is gone. The lab host's namespaces need no such
 * sweep: they end with the JVM (see {@link LabHost}).
 */
final class LabHostDirectory {
    private static final String KIND = "socket-lab-host-";

    private LabHostDirectory() {
    }

    /** A new directory for a lab host, after removing the directories of JVMs that ended without removing theirs. */
    static Path create() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        removeOrphans(temporary);
        return Files.createTempDirectory(temporary, JvmLeftovers.prefix(KIND));
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
        JvmLeftovers.removeOrphans(temporary, KIND, LabHostDirectory::delete);
    }
}
