package org.socketlab.model;

import java.util.List;

/**
 * The program that played one role in the run: the student's own (named in {@code lab.properties}) or
 * socket-lab's.
 *
 * @param role    e.g. {@code udp-server}, {@code tcp-client}, or a role an instructor's feature names
 * @param command the command line as written in the settings, e.g. {@code python3 submission/udp_server.py {port}};
 *                for socket-lab's own program e.g. {@code socket-lab udp-server}
 * @param files   the files the command names, each with its SHA-256; empty for socket-lab's own program
 */
public record ProgramInfo(String role, String command, List<FileDigest> files) {

    public ProgramInfo {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
