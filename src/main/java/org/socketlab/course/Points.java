package org.socketlab.course;

import java.util.Locale;

/** Points are whole numbers or halves: written {@code 2} and {@code 1.5}, never {@code 2.0}. */
final class Points {
    private Points() {
    }

    static String text(double points) {
        if (points == Math.rint(points)) {
            return Long.toString((long) points);
        }
        return String.format(Locale.ROOT, "%.2f", points).replaceAll("0+$", "");
    }
}
