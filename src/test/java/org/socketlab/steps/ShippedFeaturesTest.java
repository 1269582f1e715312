package org.socketlab.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The feature files as a lab report needs them: each with its question, each scenario with its answer and
 * something it checks. Cucumber itself passes a scenario whose steps lost their keyword (they become its
 * description), so this test is where that mistake fails the build.
 */
class ShippedFeaturesTest {
    private static final Path FEATURES = Path.of("features");

    @Test
    void everyScenarioHasAnAnswerAndChecksSomething() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(FEATURES)) {
            files = listing.filter(file -> file.toString().endsWith(".feature")).sorted().toList();
        }
        assertThat(files).as("feature files in %s", FEATURES).isNotEmpty();
        GherkinParser parser = GherkinParser.builder().includeSource(false).includePickles(false).build();
        for (Path file : files) {
            List<Envelope> envelopes = parser.parse(file).toList();
            envelopes.stream().flatMap(e -> e.getParseError().stream())
                    .forEach(error -> problems.add(file + ": " + error.getMessage()));
            envelopes.stream().flatMap(e -> e.getGherkinDocument().stream())
                    .flatMap(document -> document.getFeature().stream())
                    .forEach(feature -> {
                        if (feature.getDescription().isBlank()) {
                            problems.add(file + ": the feature has no description (the question it answers)");
                        }
                        feature.getChildren().stream().flatMap(child -> child.getScenario().stream())
                                .forEach(scenario -> check(file, scenario, problems));
                    });
        }
        assertThat(problems).as("problems in the feature files").isEmpty();
    }

    private static void check(Path file, Scenario scenario, List<String> problems) {
        String where = file + ":" + scenario.getLocation().getLine() + " \"" + scenario.getName() + "\": ";
        if (scenario.getDescription().isBlank()) {
            problems.add(where + "no description (the answer: why it happens)");
        }
        List<Step> steps = scenario.getSteps();
        if (steps.isEmpty()) {
            problems.add(where + "no steps; a line that does not start with Given, When, Then, And or But is "
                    + "read as part of the description");
        }
        boolean checks = steps.stream().anyMatch(step -> step.getKeyword().trim().equals("Then"));
        if (!steps.isEmpty() && !checks) {
            problems.add(where + "no Then step, so it checks nothing");
        }
    }
}
