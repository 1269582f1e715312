package org.socketlab.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Students' results.json written as JSON, the way the class report meets them (CI artifacts), not through the
 * report's records: a test of reading must not depend on how the records are built. Fields follow
 * {@code LabReport}'s JSON, with the points and scores of issue 12.
 */
public final class StudentReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final Map<String, ObjectNode> features = new LinkedHashMap<>();

    private StudentReports(String studentId, String name, Instant started) {
        root.put("schemaVersion", 1);
        ObjectNode run = root.putObject("run");
        run.put("started", started.toString());
        run.put("zone", "UTC");
        ObjectNode cover = root.putObject("cover");
        cover.put("course", "Data Communications Networks");
        cover.put("assignment", "Socket Programming");
        cover.put("student", name);
        if (studentId != null) {
            cover.put("studentId", studentId);
        }
    }

    /** A student's report; {@code studentId} null leaves the cover without one. */
    public static StudentReports student(String studentId, String name) {
        return new StudentReports(studentId, name, Instant.parse("2026-11-30T10:00:00Z"));
    }

    public static StudentReports student(String studentId, String name, Instant started) {
        return new StudentReports(studentId, name, started);
    }

    public StudentReports passed(String file, String scenario, double points) {
        ObjectNode result = scenario(file, scenario, "PASSED", "AS_EXPECTED", points, points);
        step(result, "Then", "the client receives \"ASMAA\"", "PASSED", null);
        return this;
    }

    /** A scenario whose step failed with the message {@code ScenarioRecorder} writes. */
    public StudentReports failed(String file, String scenario, double points, String expected, String observed) {
        ObjectNode result = scenario(file, scenario, "FAILED", "NOT_AS_EXPECTED", points, 0);
        step(result, "Then", expected, "FAILED", "expected: " + expected + "\n but observed: " + observed);
        return this;
    }

    public StudentReports skipped(String file, String scenario, double points, String reason) {
        ObjectNode result = scenario(file, scenario, "SKIPPED", "SKIPPED", points, 0);
        result.put("reason", reason);
        step(result, "Given", "a UDP uppercase server on port 4000", "SKIPPED", reason);
        return this;
    }

    /** Marks a feature as one that could not run at all. */
    public StudentReports ungradable(String file) {
        feature(file).put("gradable", false);
        return this;
    }

    private ObjectNode scenario(String file, String name, String status, String verdict, double points,
            double score) {
        ArrayNode scenarios = (ArrayNode) feature(file).get("scenarios");
        ObjectNode scenario = scenarios.addObject();
        scenario.put("id", file + "/" + name);
        scenario.put("name", name);
        scenario.put("line", 10 * scenarios.size());
        scenario.put("status", status);
        scenario.put("verdict", verdict);
        scenario.put("points", points);
        scenario.put("score", score);
        scenario.putArray("steps");
        return scenario;
    }

    private static void step(ObjectNode scenario, String keyword, String text, String status, String message) {
        ObjectNode step = ((ArrayNode) scenario.get("steps")).addObject();
        step.put("keyword", keyword);
        step.put("text", text);
        step.put("line", scenario.get("line").asInt() + 1);
        step.put("status", status);
        if (message != null) {
            step.put("errorMessage", message);
        }
    }

    private ObjectNode feature(String file) {
        return features.computeIfAbsent(file, f -> {
            ObjectNode feature = JSON.createObjectNode();
            feature.put("uri", "file:///course/features/" + f);
            feature.put("file", f);
            feature.put("name", "Feature " + f.replace(".feature", ""));
            feature.put("gradable", true);
            feature.putArray("scenarios");
            return feature;
        });
    }

    /** The JSON as a string. */
    public String json() {
        ObjectNode copy = root.deepCopy();
        ArrayNode list = copy.putArray("features");
        features.keySet().stream().sorted().forEach(file -> {
            ObjectNode feature = features.get(file).deepCopy();
            double points = 0;
            double score = 0;
            for (var scenario : feature.get("scenarios")) {
                points += scenario.get("points").asDouble();
                score += scenario.get("score").asDouble();
            }
            feature.put("points", points);
            feature.put("score", score);
            list.add(feature);
        });
        return copy.toPrettyString();
    }

    /** Writes {@code dir/results.json}, creating {@code dir}; returns the file. */
    public Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("results.json"), json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
