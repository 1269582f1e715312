package org.socketlab.lab;

import org.socketlab.model.ScenarioObservations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the steps of a running scenario leave their {@link ScenarioRecorder}, under the Cucumber test case id
 * ({@code Scenario.getId()}), and where the report plugin takes it when that test case finishes. Steps and plugin
 * live in one JVM but know nothing else of each other.
 */
public final class ObservationBoard {
    private static final Map<String, ScenarioRecorder> RECORDERS = new ConcurrentHashMap<>();

    private ObservationBoard() {
    }

    /** The recorder for a test case, created on first use. */
    public static ScenarioRecorder recorder(String testCaseId) {
        return RECORDERS.computeIfAbsent(testCaseId, id -> new ScenarioRecorder());
    }

    /** Removes and returns what the test case observed; empty observations if its steps recorded nothing. */
    public static ScenarioObservations take(String testCaseId) {
        ScenarioRecorder recorder = RECORDERS.remove(testCaseId);
        return recorder == null ? ScenarioObservations.empty() : recorder.snapshot();
    }
}
