package org.socketlab.lab;

/**
 * The roles the uppercase and line programs play in a scenario, by the names the report files their consoles and
 * runs under. Here, below every part of the bench, so the parts name a role without reaching up to the facade.
 */
final class Roles {
    static final String CLIENT = "client";
    static final String SERVER = "server";

    private Roles() {
    }
}
