package org.socketlab.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: to a temporary file beside it first, then moved over it, so that a reader (a
 * browser, CI's artifact upload, a grader) never sees half a report.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Replaces the file's content with the text, in UTF-8. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the file's content with the bytes. */
    public static void write(Path file, byte[] content) throws IOException {
        // Not Files.createTempFile: its owner-only permissions would make the file unreadable to others. The
        // thread's id too: two threads of one JVM may write the same file.
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
