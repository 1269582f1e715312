package org.socketlab.programs;

/**
 * A {@code lab.program.*} setting that cannot be used: its message is one line naming the key, its value and what
 * is wrong, fit to print as {@code error: <message>}.
 */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
