package org.socketlab.wire;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the system programs the wire steps run (tcpdump, ip, iptables) in the directories Debian installs them
 * to: a JVM started from an IDE or by a build tool may have a PATH without the sbin directories.
 */
final class SystemPrograms {
    private static final List<String> DIRECTORIES =
            List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin");

    private SystemPrograms() {
    }

    static Optional<Path> find(String name) {
        return DIRECTORIES.stream().map(directory -> Path.of(directory, name)).filter(Files::isExecutable)
                .findFirst();
    }
}
