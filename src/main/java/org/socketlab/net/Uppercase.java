package org.socketlab.net;

import java.util.Locale;

/** The assignment's transformation, done the same way by every server. */
public final class Uppercase {
    /**
     * {@link String#toUpperCase(Locale)} in JDK 17 copies its whole result again for every character whose upper
     * case is longer (such as {@code ŉ} to {@code ʼN}): 32,753 of them, one datagram's worth, took 1.2 to 2.7 s, and
     * meanwhile the UDP server answered nobody. Upper-cased in slices this long, they take about 5 ms.
     */
    static final int SLICE_CHARS = 128;

    private Uppercase() {
    }

    /**
     * Upper-cases with {@link Locale#ROOT}: under a Turkish default locale {@code "quit".toUpperCase()} would give
     * {@code QUİT}. Full case mapping: {@code straße} becomes {@code STRASSE}; scripts without case are unchanged.
     * Upper-casing maps each code point on its own, so slices that keep surrogate pairs whole give the same result.
     */
    public static String of(String text) {
        if (text.length() <= SLICE_CHARS) {
            return text.toUpperCase(Locale.ROOT);
        }
        StringBuilder upper = new StringBuilder(text.length() + text.length() / 8);
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + SLICE_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            upper.append(text.substring(start, end).toUpperCase(Locale.ROOT));
            start = end;
        }
        return upper.toString();
    }
}
