package org.socketlab.programs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Reads {@code lab.properties}, the one file of a project's settings: the programs' ({@link ProgramSettings}) and
 * the report's (its cover, the course's settings) come from it. UTF-8, so that names in any script work; a file
 * that is not there holds no setting.
 */
public final class PropertiesFile {
    /** The file's name, and the system property that names another one. */
    public static final String NAME = "lab.properties";

    private PropertiesFile() {
    }

    /** The file's keys and values; none when it does not exist. */
    public static Properties read(Path file) throws SettingsException {
        Properties properties = new Properties();
        if (!Files.exists(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // A malformed \\u escape is an IllegalArgumentException; a file that is not UTF-8, an IOException.
            throw new SettingsException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
