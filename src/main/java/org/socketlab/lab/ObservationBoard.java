package org.socketlab.lab;

import org.socketlab.model.LabSetup;
import org.socketlab.model.ScenarioObservations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Where the steps of a running scenario leave their {@link ScenarioRecorder}, under the Cucumber test case id
 * ({@code Scenario.getId()}), and where the report plugin takes it when that test case finishes. Steps and plugin
 * live in one JVM but know nothing else of each other.
 *
 * <p>Also where the run's {@link LabSetup} (isolation, and which programs play which role) is published before
 * the first scenario, for the report's cover.
 */
public final class ObservationBoard {
    private static final Map<String, ScenarioRecorder> RECORDERS = new ConcurrentHashMap<>();
    private static final AtomicReference<LabSetup> SETUP = new AtomicReference<>();

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

    /** Publishes the run's setup, replacing any published before. */
    public static void setup(LabSetup setup) {
        SETUP.set(setup);
    }

    /**
     * Changes the published setup atomically, starting from {@link LabSetup#empty()} when none was published, e.g.
     * {@code updateSetup(s -> s.withPrograms(programs))}: the programs and the isolation are published apart.
     */
    public static LabSetup updateSetup(UnaryOperator<LabSetup> change) {
        return SETUP.updateAndGet(current -> change.apply(current == null ? LabSetup.empty() : current));
    }

    /** The run's setup, or null when nothing was published (the report then leaves it out). */
    public static LabSetup setup() {
        return SETUP.get();
    }
}
