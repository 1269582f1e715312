package org.socketlab.lab;

import java.util.concurrent.Callable;

/**
 * Runs test code with lab hosts switched off ({@code -Dlab.isolation=none}, the fallback where namespaces cannot be
 * made), then puts the setting back. JVM-wide: a class that uses it is {@code @Isolated}.
 */
final class NoIsolation {
    private NoIsolation() {
    }

    static <T> T during(Callable<T> work) throws Exception {
        String before = System.getProperty("lab.isolation");
        System.setProperty("lab.isolation", "none");
        try {
            return work.call();
        } finally {
            if (before == null) {
                System.clearProperty("lab.isolation");
            } else {
                System.setProperty("lab.isolation", before);
            }
        }
    }
}
