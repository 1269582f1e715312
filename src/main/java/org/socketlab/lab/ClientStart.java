package org.socketlab.lab;

import org.socketlab.net.Transport;

/**
 * A client as it was started: where it sends, whether its UDP socket is connected, whether it is the student's
 * program, and when it started (the command shown and the events drawn for its run count from then).
 *
 * @param player   who plays the client as a command; null for socket-lab's own in this JVM
 * @param atMillis milliseconds since the scenario started
 */
record ClientStart(String host, Transport transport, int labPort, boolean connected, RolePlayer player,
        long atMillis) {
    /** Whether it runs as a command (the student's, or socket-lab's own inside a lab host), not in this JVM. */
    boolean asCommand() {
        return player != null;
    }

    /** Whether it is the student's program, which words its output its own way. */
    boolean studentsProgram() {
        return player != null && !player.own();
    }
}
