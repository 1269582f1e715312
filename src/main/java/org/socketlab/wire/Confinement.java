package org.socketlab.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a lab host's programs cannot reach even as root (a student's program that user nobody cannot start runs
 * as root, without capabilities, and root owns the kernel's files): the kernel's settings ({@code /proc/sys},
 * {@code /proc/sysrq-trigger}, {@code /sys}; the cgroups are not in view) are read-only, and {@code /dev} holds only
 * the harmless devices (null, zero, full, random, urandom, tty, the terminals, a private shm): no disk to write
 * raw. All inside the lab host's own mount namespace; the machine's are untouched. Set up by the lab host's shell
 * before any program starts there, where the JVM is root (an unprivileged lab runs programs as its own user).
 */
final class Confinement {
    /**
     * Each step as container runtimes do it; one that fails leaves the rest in place. A sysfs of its own, mounted
     * read-only, hides the machine's cgroups too. {@code $1}: an empty directory's path, where the machine's
     * {@code /dev} is held while the harmless devices are taken from it. Few programs: each costs milliseconds.
     */
    private static final String SCRIPT = """
            for p in /proc/sys /proc/sysrq-trigger; do
                [ -e "$p" ] && mount --bind "$p" "$p" && mount -o remount,bind,ro "$p"
            done
            mount -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys
            old=$1
            mkdir "$old" && mount --bind /dev "$old" && mount -t tmpfs -o nosuid,noexec,mode=755 labdev /dev && {
                for n in null zero full random urandom tty; do : > "/dev/$n" && mount --bind "$old/$n" "/dev/$n"; done
                mkdir /dev/pts /dev/shm && mount --bind "$old/pts" /dev/pts
                mount -t tmpfs -o nosuid,nodev,mode=1777 shm /dev/shm
                ln -s /proc/self/fd /dev/fd && ln -s /proc/self/fd/0 /dev/stdin
                ln -s /proc/self/fd/1 /dev/stdout && ln -s /proc/self/fd/2 /dev/stderr
            }
            umount -l "$old" && rmdir "$old"
            true
            """;

    private Confinement() {
    }

    /** Runs the script in the lab host's shell, from a file in the lab host's directory {@code directory}. */
    static void apply(LabHost host, Path directory) throws IOException {
        Path script = directory.resolve("confine.sh");
        Files.writeString(script, SCRIPT);
        host.shell("bash " + LabHost.quote(script.toString()) + " "
                + LabHost.quote(directory.resolve("dev").toString()));
    }
}
