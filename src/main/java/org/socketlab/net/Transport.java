package org.socketlab.net;

/** The two transports of the assignment; the lower-case name is how errors print an endpoint ({@code 12000/udp}). */
public enum Transport {
    UDP, TCP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
