package org.socketlab.net;

import java.util.Locale;

/** The assignment's transformation, done the same way by every server. */
public final class Uppercase {
    private Uppercase() {
    }

    /**
     * Upper-cases with {@link Locale#ROOT}: under a Turkish default locale {@code "quit".toUpperCase()} would give
     * {@code QUİT}. Full case mapping: {@code straße} becomes {@code STRASSE}; scripts without case are unchanged.
     */
    public static String of(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
