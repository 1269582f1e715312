package org.socketlab.lab;

import org.socketlab.net.Transport;

/**
 * A client as it was started: where it sends, whether its UDP socket is connected, whether it is the student's
 * program, and when it started (the command shown and the events drawn for its run count from then).
 *
 * @param atMillis milliseconds since the scenario started
 */
record ClientStart(String host, Transport transport, int labPort, boolean connected, boolean studentsProgram,
        long atMillis) {
}
