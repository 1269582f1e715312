package org.socketlab.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socketlab.lab.BrowserLab;
import org.socketlab.net.Outcome;

/**
 * Annotation values must be constants, so the phrases a feature may use are spelt out twice: in the step
 * classes' parameter types and in the enums the programs report. This keeps the two the same.
 */
class ParameterTypesTest {
    private static List<String> alternatives(Class<?> steps, String method) throws Exception {
        for (var candidate : steps.getDeclaredMethods()) {
            if (candidate.getName().equals(method)) {
                return List.of(candidate.getAnnotation(ParameterType.class).value().split("\\|"));
            }
        }
        throw new AssertionError("no parameter type " + method + " in " + steps);
    }

    @Test
    void everyFailureOutcomeCanBeNamedInAFeature() throws Exception {
        List<String> phrases = Arrays.stream(Outcome.values()).filter(o -> o != Outcome.REPLY)
                .map(Outcome::phrase).toList();

        assertThat(alternatives(SocketSteps.class, "outcome")).containsExactlyInAnyOrderElementsOf(phrases);
    }

    @Test
    void everyKindOfPageLoadCanBeNamedInAFeature() throws Exception {
        List<String> phrases = Arrays.stream(BrowserLab.LoadKind.values()).map(BrowserLab.LoadKind::phrase).toList();

        assertThat(alternatives(BrowserSteps.class, "loadKind")).containsExactlyInAnyOrderElementsOf(phrases);
    }
}
