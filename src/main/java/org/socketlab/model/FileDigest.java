package org.socketlab.model;

/**
 * One file a program's command names, as it was when the run started.
 *
 * @param path   the file, relative to the project directory (with {@code /}), e.g. {@code submission/udp_server.py}
 * @param sha256 its SHA-256, 64 lower-case hex digits
 */
public record FileDigest(String path, String sha256) {
}
