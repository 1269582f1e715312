package org.socketlab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code results.json}: the {@link LabReport} as JSON, with ISO-8601 times and durations and the record
 * components' names as field names. Absent fields are null (or empty lists); unknown fields are ignored, so a
 * report written by a newer minor version still renders.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.USE_DEFAULTS))
            .build();

    private ReportJson() {
    }

    public static String write(LabReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    public static void write(LabReport report, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), report);
    }

    /**
     * Reads a report written by {@link #write}.
     *
     * @throws IOException when the file is not a report, or was written by a newer schema version
     */
    public static LabReport read(Path file) throws IOException {
        JsonNode tree = MAPPER.readTree(file.toFile());
        if (tree == null || !tree.hasNonNull("schemaVersion")) {
            throw new IOException(file + " is not a lab report: it has no schemaVersion");
        }
        int version = tree.get("schemaVersion").asInt();
        if (version > LabReport.SCHEMA_VERSION) {
            throw new IOException(file + " has schemaVersion " + version + "; this socket-lab reads up to "
                    + LabReport.SCHEMA_VERSION);
        }
        return MAPPER.treeToValue(tree, LabReport.class);
    }
}
