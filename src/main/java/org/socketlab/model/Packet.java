package org.socketlab.model;

/**
 * One packet captured on the scenario's ports.
 *
 * @param atMicros    microseconds since the scenario started
 * @param source      e.g. {@code 127.0.0.1:50170}
 * @param destination e.g. {@code 127.0.0.1:23999}
 * @param protocol    {@code TCP}, {@code UDP}, {@code ICMP} or {@code ICMPv6}
 * @param flags       TCP flags as tcpdump writes them ({@code S}, {@code S.}, {@code R.}, {@code P.}, {@code F.})
 * @param icmp        ICMP type and code with their meaning, e.g. {@code 3/3 port unreachable}; null otherwise
 * @param length      payload length in bytes
 * @param preview     the payload's first characters as text, non-printable ones as dots
 * @param quotedPort  for an ICMP error, the destination port of the packet it quotes (the port that was
 *                    unreachable), which its text does not name; 0 otherwise
 */
public record Packet(long atMicros, String source, String destination, String protocol, String flags, String icmp,
        int length, String preview, int quotedPort) {
}
