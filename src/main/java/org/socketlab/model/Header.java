package org.socketlab.model;

/** An HTTP header as it crossed the wire. */
public record Header(String name, String value) {
}
