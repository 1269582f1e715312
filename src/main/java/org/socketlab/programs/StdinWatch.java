package org.socketlab.programs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tells whether a process, or one it started, is blocked reading its standard input: one of its threads sits in
 * the {@code read} system call on descriptor 0, and that descriptor is the same terminal or pipe as the process's
 * own. Linux shows this in {@code /proc/<pid>/task/<tid>/syscall} (number, then arguments), which this JVM may read
 * for its own children. It gives no event, so callers look again now and then.
 *
 * <p>A program that waits on its input in {@code select}, {@code poll} or {@code epoll} first (GNU readline,
 * Node.js) is not seen; for those the prompt is the only sign. On another architecture, or where the files cannot
 * be read, this signal is given up: {@link #reading()} is always false.
 */
final class StdinWatch {
    /** The {@code read} system call's number: x86_64 0, aarch64 63 (the generic table). */
    private static final int READ = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 0;
        case "aarch64" -> 63;
        default -> -1;
    };

    private final ProcessHandle root;
    private final Map<Long, String> readsWhenInputGiven = new HashMap<>();
    private volatile boolean available = READ >= 0;
    private String stdin;

    StdinWatch(ProcessHandle root) {
        this.root = root;
    }

    /** Whether the process or a descendant is blocked in {@code read(0, ...)} on the process's standard input. */
    synchronized boolean reading() {
        if (!available) {
            return false;
        }
        try {
            if (stdin == null) {
                stdin = Files.readSymbolicLink(fd0(root.pid())).toString();
            }
            List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
            for (ProcessHandle process : tree) {
                if (readsStdin(process.pid())) {
                    return true;
                }
            }
            return false;
        } catch (AccessDeniedException | SecurityException unreadable) {
            available = false; // another user's process, or /proc mounted with hidepid: give up this signal
            return false;
        } catch (IOException ended) {
            return false; // it ended while we looked (ENOENT, or ESRCH while it exits)
        }
    }

    /**
     * Called just before input is given. A process found in {@code read(0)} later counts only if it has finished a
     * read since ({@code syscr} in {@code /proc/<pid>/io} moved on): until the kernel has woken it, it still shows
     * the read that the new input is about to end.
     */
    synchronized void inputGiven() {
        readsWhenInputGiven.clear();
        if (available) {
            Stream.concat(Stream.of(root), root.descendants())
                    .forEach(process -> readsWhenInputGiven.put(process.pid(), readCount(process.pid())));
        }
    }

    private boolean readsStdin(long pid) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path task : threads) {
                // e.g. "0 0x0 0x7ffc9d1b8d40 0x400 ...": read(0, buffer, 1024); "running" while it runs
                String[] call = Files.readString(task.resolve("syscall")).trim().split(" ");
                if (call.length > 1 && call[0].equals(Integer.toString(READ)) && call[1].equals("0x0")
                        && Files.readSymbolicLink(fd0(pid)).toString().equals(stdin)) {
                    String before = readsWhenInputGiven.get(pid);
                    return before == null || before.isEmpty() || !before.equals(readCount(pid));
                }
            }
        } catch (AccessDeniedException unreadable) {
            throw unreadable;
        } catch (IOException ended) {
            // the process or thread ended while we looked: its files vanish (ENOENT) or fail (ESRCH)
        }
        return false;
    }

    /** The {@code syscr} line of {@code /proc/<pid>/io}: how many reads the process has finished; "" if unknown. */
    private static String readCount(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "io")).stream()
                    .filter(line -> line.startsWith("syscr:")).findFirst().orElse("");
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static Path fd0(long pid) {
        return Path.of("/proc", Long.toString(pid), "fd", "0");
    }
}
