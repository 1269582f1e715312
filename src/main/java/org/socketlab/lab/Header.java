package org.socketlab.lab;

/** An HTTP header as it crossed the wire. */
public record Header(String name, String value) {
}
