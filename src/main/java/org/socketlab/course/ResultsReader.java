package org.socketlab.course;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import org.socketlab.report.FeatureResult;
import org.socketlab.report.LabReport;
import org.socketlab.report.ScenarioResult;
import org.socketlab.report.StepResult;

/**
 * Reads a student's results.json into the report's records as {@code ReportJson.read} does, but only with what the
 * class report shows: each scenario's observations (consoles, packets, HTTP exchanges; most of the file), the
 * answers, the machine and the programs are skipped while parsing, never built. That keeps a class of hundreds
 * within seconds.
 */
final class ResultsReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(LabReport.class, ReportShown.class)
            .addMixIn(FeatureResult.class, FeatureShown.class)
            .addMixIn(ScenarioResult.class, ScenarioShown.class)
            .addMixIn(StepResult.class, StepShown.class)
            .build();

    @JsonIgnoreProperties({"machine", "setup", "unmatchedAnswers"})
    private interface ReportShown {
    }

    @JsonIgnoreProperties({"question", "studentAnswer"})
    private interface FeatureShown {
    }

    @JsonIgnoreProperties({"observations", "answer", "otherSystems", "studentAnswer"})
    private interface ScenarioShown {
    }

    @JsonIgnoreProperties({"errorTrace", "snippets", "docString", "dataTable"})
    private interface StepShown {
    }

    /** Why a file is not a report this socket-lab reads, and the student id on its cover if it could tell. */
    static final class NotAReport extends IOException {
        private static final long serialVersionUID = 1L;
        final InputProblem.Kind kind;
        final String coverStudentId; // empty when none could be read

        NotAReport(InputProblem.Kind kind, String message, String coverStudentId) {
            super(message);
            this.kind = kind;
            this.coverStudentId = coverStudentId == null ? "" : coverStudentId.strip();
        }
    }

    private ResultsReader() {
    }

    /**
     * @throws NotAReport when the file is JSON but no lab report, or has another schemaVersion
     * @throws IOException when it cannot be read or parsed
     */
    static LabReport read(Path file) throws IOException {
        LabReport report;
        try {
            report = MAPPER.readValue(file.toFile(), LabReport.class);
        } catch (IOException notTheReportsShape) {
            // Perhaps another schema version whose fields no longer fit: say which, if it says.
            JsonNode tree = tree(file);
            int version = tree == null ? 0 : tree.path("schemaVersion").asInt(0);
            if (version > 0 && version != LabReport.SCHEMA_VERSION) {
                throw otherSchema(version, tree.at("/cover/studentId").asText(""));
            }
            throw notTheReportsShape;
        }
        if (report == null) {
            throw new NotAReport(InputProblem.Kind.NOT_A_REPORT, "it holds JSON null, not a lab report", "");
        }
        String studentId = report.cover() == null ? "" : report.cover().studentId();
        if (report.schemaVersion() == 0) {
            throw new NotAReport(InputProblem.Kind.NOT_A_REPORT, "it has no schemaVersion", studentId);
        }
        if (report.schemaVersion() != LabReport.SCHEMA_VERSION) {
            throw otherSchema(report.schemaVersion(), studentId);
        }
        return report;
    }

    private static NotAReport otherSchema(int version, String studentId) {
        return new NotAReport(InputProblem.Kind.OTHER_SCHEMA, "schemaVersion " + version + "; this socket-lab reads "
                + LabReport.SCHEMA_VERSION, studentId);
    }

    /** The file's JSON, or null when it is none. */
    private static JsonNode tree(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }
}
