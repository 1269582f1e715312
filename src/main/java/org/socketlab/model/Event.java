package org.socketlab.model;

/**
 * Something that crossed between two parties (or happened at one), for the scenario's sequence diagram.
 * Drawn from what the programs observed: a refused connection is drawn because the client saw the refusal.
 *
 * @param atMillis milliseconds since the scenario started
 * @param from     the party it leaves, e.g. {@code client}
 * @param to       the party it is meant for; equal to {@code from} for something that happens at one party
 * @param kind     what it is
 * @param label    a short text for the arrow, e.g. {@code "asmaa gamal nagy" (16 bytes)}
 */
public record Event(long atMillis, String from, String to, Kind kind, String label) {
    public enum Kind {
        /** TCP connection set up (SYN, SYN-ACK, ACK). */
        CONNECT,
        /** TCP connection request answered with a reset: nothing listens. */
        REFUSED,
        /** A UDP datagram or TCP data. */
        DATA,
        /** The answer to DATA. */
        REPLY,
        /** ICMP port unreachable, as reported to a connected UDP socket. */
        ICMP_UNREACHABLE,
        /** The sender waited and nothing came. */
        TIMEOUT,
        /** TCP connection reset while in use. */
        RESET,
        /** Something sent that no one received, e.g. a datagram to a port where nothing listens. */
        LOST,
        /** An HTTP request, and its response. */
        REQUEST,
        RESPONSE,
        /** A remark at one party, such as "server started". */
        NOTE
    }
}
