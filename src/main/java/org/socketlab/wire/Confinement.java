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
     * Each step as container runtimes do it. A step that fails prints {@code failed: STEP}, and the lab host is then
     * not made (its reason on the report's cover) rather than passing for confined. A sysfs of its own, mounted
     * read-only, hides the machine's cgroups too. {@code $1}: an empty directory's path, where the machine's
     * {@code /dev} (with the terminals' devpts below it) is held while the harmless devices are taken from it. Few
     * programs: each costs milliseconds.
     */
    private static final String SCRIPT = """
            step() { "$@" || echo "failed: $*"; }
            for p in /proc/sys /proc/sysrq-trigger /proc/irq /proc/bus /proc/fs; do
                [ -e "$p" ] && step mount -o bind,ro "$p" "$p"
            done
            step mount -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys
            old=$1
            if mkdir "$old" && mount --rbind /dev "$old" \
                    && mount -t tmpfs -o nosuid,noexec,mode=755,size=1m labdev /dev; then
                for n in null zero full random urandom tty; do
                    : > "/dev/$n" && step mount --bind "$old/$n" "/dev/$n" || rm -f "/dev/$n"
                done
                mkdir /dev/pts /dev/shm
                step mount --bind "$old/pts" /dev/pts
                step mount -t tmpfs -o nosuid,nodev,mode=1777,size=256m shm /dev/shm
                ln -s /proc/self/fd /dev/fd && ln -s /proc/self/fd/0 /dev/stdin
                ln -s /proc/self/fd/1 /dev/stdout && ln -s /proc/self/fd/2 /dev/stderr
            else
                echo "failed: a /dev of harmless devices"
            fi
            umount -l "$old" 2>/dev/null; rmdir "$old" 2>/dev/null
            true
            """;

    private Confinement() {
    }

    /**
     * Runs the script in the lab host's shell, from a file in the lab host's directory {@code directory}.
     *
     * @throws IOException naming the steps that failed, and what they said
     */
    static void apply(LabHost host, Path directory) throws IOException {
        Path script = directory.resolve("confine.sh");
        Files.writeString(script, SCRIPT);
        String said = host.shell("bash " + LabHost.quote(script.toString()) + " "
                + LabHost.quote(directory.resolve("dev").toString()));
        if (said.contains("failed: ")) {
            throw new IOException("the lab host could not be confined (as root its programs must not reach the "
                    + "kernel's settings or the disks): " + said.strip().replace('\n', ' '));
        }
    }
}
