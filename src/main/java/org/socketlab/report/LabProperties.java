package org.socketlab.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.socketlab.programs.PropertiesFile;
import org.socketlab.programs.SettingsException;

/**
 * Where the cover's names come from: {@code lab.properties} at the project root (UTF-8, so Arabic names work),
 * each key overridable on the command line, e.g. {@code mvn verify -Dlab.student="..."}. Keys:
 * {@code lab.course}, {@code lab.assignment}, {@code lab.student}, {@code lab.studentId}, {@code lab.instructors},
 * {@code lab.department}. {@code -Dlab.properties=FILE} names another file.
 */
final class LabProperties {
    static final String FILE_PROPERTY = PropertiesFile.NAME;

    private LabProperties() {
    }

    static Cover cover() {
        return cover(Path.of(System.getProperty(FILE_PROPERTY, FILE_PROPERTY)), System::getProperty);
    }

    /** The cover from a file (absent: every field unset) with each key first looked up in {@code overrides}. */
    static Cover cover(Path file, UnaryOperator<String> overrides) {
        UnaryOperator<String> value = settings(file, overrides);
        return new Cover(value.apply("lab.course"), value.apply("lab.assignment"), value.apply("lab.student"),
                value.apply("lab.studentId"), value.apply("lab.instructors"), value.apply("lab.department"));
    }

    /**
     * Each key's setting: from {@code overrides} (the system properties) when set there, else from the file (absent:
     * nothing set); stripped, null when unset or blank.
     */
    static UnaryOperator<String> settings(Path file, UnaryOperator<String> overrides) {
        Properties properties;
        try {
            properties = PropertiesFile.read(file);
        } catch (SettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return key -> {
            String override = overrides.apply(key);
            String found = override != null ? override : properties.getProperty(key);
            return found == null || found.isBlank() ? null : found.strip();
        };
    }

    /** The machine this JVM runs on. */
    static Machine machine() {
        return new Machine(System.getProperty("os.name"), System.getProperty("os.version"), distribution(),
                System.getProperty("os.arch"), System.getProperty("java.runtime.version",
                        System.getProperty("java.version")), System.getProperty("java.vendor"), host(),
                Runtime.getRuntime().availableProcessors());
    }

    private static String distribution() {
        Path osRelease = Path.of("/etc/os-release");
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !Files.isReadable(osRelease)) {
            return null;
        }
        try {
            return Files.readAllLines(osRelease).stream()
                    .filter(line -> line.startsWith("PRETTY_NAME="))
                    .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // No resolvable name for this host (common in containers): the environment usually still has one.
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null ? fromEnvironment : "unknown";
        }
    }
}
