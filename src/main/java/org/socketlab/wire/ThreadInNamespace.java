package org.socketlab.wire;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs work on a fresh thread that has joined a network namespace (Linux setns on that thread only). The sockets
 * it opens and the threads it starts belong to the namespace; the rest of the JVM stays where it is. Joining
 * needs CAP_SYS_ADMIN in this JVM's own user namespace, so only a JVM running as root may.
 */
final class ThreadInNamespace {
    static final boolean JVM_IS_ROOT = isRoot();

    private ThreadInNamespace() {
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException notLinux) {
            return false;
        }
    }

    static <T> T run(String namespacePath, String threadName, Callable<T> work) throws Exception {
        if (!JVM_IS_ROOT) {
            throw new IllegalStateException("this JVM may not join a network namespace (it is not root): "
                    + "start the program inside the lab host as a command instead");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            int fd = Libc.C.open(namespacePath, Libc.O_RDONLY);
            try {
                if (fd < 0 || Libc.C.setns(fd, Libc.CLONE_NEWNET) != 0) {
                    result.completeExceptionally(new IOException("could not join the network namespace "
                            + namespacePath + " (errno " + Native.getLastError() + ")"));
                    return;
                }
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                if (fd >= 0) {
                    Libc.C.close(fd);
                }
            }
        }, threadName);
        thread.start();
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
