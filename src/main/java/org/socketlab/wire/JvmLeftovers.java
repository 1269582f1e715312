package org.socketlab.wire;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM makes in a directory other JVMs share (a lab host's temporary directory in /tmp, its cgroups) is named
 * after it, {@code <kind><pid>-<number>}: it removes its own when it is done, and one that was killed cannot, so the
 * next JVM removes those whose JVM is no longer running.
 */
final class JvmLeftovers {
    private JvmLeftovers() {
    }

    /** The start of the name of something this JVM makes, e.g. {@code socket-lab-host-4242-}. */
    static String prefix(String kind) {
        return kind + ProcessHandle.current().pid() + "-";
    }

    /**
     * Passes to {@code remove} each entry of {@code parent} named {@code <kind><pid>-<number>} whose JVM is no longer
     * running. A pid that runs again for another process only delays the removal until that one ends.
     */
    static void removeOrphans(Path parent, String kind, Consumer<Path> remove) {
        Pattern name = Pattern.compile(Pattern.quote(kind) + "([0-9]+)-[0-9]+");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, kind + "*")) {
            for (Path entry : entries) {
                Matcher named = name.matcher(entry.getFileName().toString());
                if (named.matches() && ProcessHandle.of(Long.parseLong(named.group(1))).isEmpty()
                        && Files.isDirectory(entry)) {
                    remove.accept(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // another user's, or a directory we may not list: nothing of ours to remove
        }
    }
}
