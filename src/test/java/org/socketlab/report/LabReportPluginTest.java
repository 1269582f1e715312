package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.socketlab.lab.ObservationBoard;
import org.socketlab.model.FileDigest;
import org.socketlab.model.LabSetup;
import org.socketlab.model.ProgramInfo;

/**
 * Runs two tiny feature files through real Cucumber on the JUnit Platform, as Failsafe does in
 * {@code mvn verify} (Cucumber's engine, scenarios in parallel), with the plugin, and reads back the
 * results.json it wrote.
 */
@Isolated("it publishes the ObservationBoard's setup, which every Cucumber run of another class changes")
class LabReportPluginTest {
    @TempDir
    static Path work;
    private static TestExecutionSummary summary;
    private static LabReport report;
    private static Map<String, ScenarioResult> scenarios;

    private static final String FIRST = """
            Feature: Question one
              The question's text,
              over two lines.

              Second paragraph.

              @report-plugin-test
              Scenario: a datagram is answered
                The answer's first line
                continues here.

                Other systems: Windows does something else.

                Given the report test sends "hello" with a body:
                  \"""
                  a body with <script>
                  \"""
                Then the report test sees "HELLO"

              @report-plugin-test
              Scenario: a step fails
                Given the report test sends "x"
                Then the report test fails with "expected X, saw x"

              @report-plugin-test
              Scenario: a step is skipped
                Given the report test skips because "tcpdump is not installed"
                Then the report test sees "never"

              @report-plugin-test
              Scenario: a step is undefined
                Given the report test has no definition for this step

              @report-plugin-test
              Scenario: a keyword is missing
                the report test sends "x"
            """;

    private static final String ZERO = """
            Feature: Outline question

              @report-plugin-test
              Scenario Outline: sends <word>
                The outline's answer.

                Given the report test sends "<word>"
                Then the report test sees "<upper>"

                Examples:
                  | word | upper |
                  | ab   | AB    |
                  | cd   | CD    |
            """;

    private static final LabSetup SETUP = new LabSetup("none: the report plugin's test", "a note", List.of(
            new ProgramInfo("udp-server", "python3 udp_server.py", List.of(new FileDigest("udp_server.py",
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))),
            new ProgramInfo("udp-client", "socket-lab udp-client", List.of())));

    @BeforeAll
    static void runCucumber() throws Exception {
        Path features = Files.createDirectories(work.resolve("features"));
        Files.writeString(features.resolve("1-first.feature"), FIRST);
        Files.writeString(features.resolve("0-zero.feature"), ZERO);
        Path out = work.resolve("report");
        // Explicit parameters win over the junit-platform.properties the project's own suite uses (which must
        // not set cucumber.features: that would make Cucumber ignore this directory selector).
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(features.toFile()))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "org.socketlab.report.glue")
                .configurationParameter("cucumber.plugin", LabReportPlugin.class.getName() + ":" + out)
                .configurationParameter("cucumber.filter.tags", "@report-plugin-test")
                .configurationParameter("cucumber.execution.parallel.enabled", "true")
                .configurationParameter("cucumber.execution.parallel.config.strategy", "fixed")
                .configurationParameter("cucumber.execution.parallel.config.fixed.parallelism", "2")
                .configurationParameter("cucumber.publish.quiet", "true")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        // As LabScenariosIT does before the first scenario; put back after, the board is the JVM's.
        LabSetup before = ObservationBoard.setup();
        ObservationBoard.setup(SETUP);
        try {
            launcher.execute(request, listener);
        } finally {
            ObservationBoard.setup(before);
        }
        summary = listener.getSummary();
        report = ReportJson.read(out.resolve("results.json"));
        scenarios = report.features().stream().flatMap(f -> f.scenarios().stream())
                .collect(Collectors.toMap(ScenarioResult::name, Function.identity()));
        assertThat(out.resolve("index.html")).isNotEmptyFile();
    }

    @Test
    void theRunFailedAndStillWroteTheReport() {
        // The JUnit Platform counts the undefined scenario as failed too, and the skipped one as aborted.
        assertThat(summary.getTestsFailedCount()).as("failed scenarios").isEqualTo(2);
        assertThat(summary.getTestsAbortedCount()).as("skipped scenarios").isEqualTo(1);
        // Cucumber passes the scenario without steps; only the report calls it undefined.
        assertThat(summary.getTestsSucceededCount()).as("passed scenarios").isEqualTo(4);
        assertThat(report.schemaVersion()).isEqualTo(LabReport.SCHEMA_VERSION);
        assertThat(report.run().started()).isBeforeOrEqualTo(report.run().finished());
        assertThat(report.cover().student()).isEqualTo("Asmaa Gamal Abdel-Halem Mabrouk Nagy");
        assertThat(report.machine().javaVersion()).isNotBlank();
    }

    @Test
    void theSetupPublishedBeforeTheRunIsInTheReport() {
        assertThat(report.setup()).isEqualTo(SETUP);
    }

    @Test
    void featuresAreInFileNameOrderWithTheQuestionFromTheirDescription() {
        assertThat(report.features()).extracting(FeatureResult::file).containsExactly("0-zero.feature",
                "1-first.feature");
        FeatureResult first = report.features().get(1);
        assertThat(first.name()).isEqualTo("Question one");
        assertThat(first.question()).containsExactly("The question's text, over two lines.", "Second paragraph.");
        assertThat(first.scenarios()).extracting(ScenarioResult::name).containsExactly("a datagram is answered",
                "a step fails", "a step is skipped", "a step is undefined", "a keyword is missing");
    }

    @Test
    void aPassingScenarioCarriesItsAnswerStepsAndObservations() {
        ScenarioResult answered = scenarios.get("a datagram is answered");
        assertThat(answered.verdict()).isEqualTo(Verdict.AS_EXPECTED);
        assertThat(answered.answer()).containsExactly("The answer's first line continues here.");
        assertThat(answered.otherSystems()).containsExactly("Windows does something else.");
        assertThat(answered.tags()).containsExactly("@report-plugin-test");
        assertThat(answered.steps()).extracting(StepResult::keyword, StepResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Given", "PASSED"),
                        org.assertj.core.groups.Tuple.tuple("Then", "PASSED"));
        assertThat(answered.steps().get(0).docString()).isEqualTo("a body with <script>");
        assertThat(answered.observations().consoles().get("client")).extracting(c -> c.text())
                .containsExactly("Input lowercase sentence:hello", "HELLO");
        assertThat(answered.observations().events()).hasSize(2);
        assertThat(answered.observations().checks()).singleElement().satisfies(c -> assertThat(c.met()).isTrue());
        assertThat(answered.observations().notes()).containsExactly("body of 20 characters");
    }

    @Test
    void failedSkippedAndUndefinedScenariosSayWhy() {
        ScenarioResult failed = scenarios.get("a step fails");
        assertThat(failed.verdict()).isEqualTo(Verdict.NOT_AS_EXPECTED);
        StepResult failing = failed.steps().get(1);
        assertThat(failing.errorType()).isEqualTo("java.lang.AssertionError");
        assertThat(failing.errorMessage()).isEqualTo("expected X, saw x");
        assertThat(failing.errorTrace()).contains("ReportPluginSteps.fails");

        ScenarioResult skipped = scenarios.get("a step is skipped");
        assertThat(skipped.verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("tcpdump is not installed");

        ScenarioResult undefined = scenarios.get("a step is undefined");
        assertThat(undefined.verdict()).isEqualTo(Verdict.UNDEFINED);
        assertThat(undefined.reason()).contains("the report test has no definition for this step");
        assertThat(undefined.steps().get(0).snippets()).singleElement().asString()
                .contains("@Given(\"the report test has no definition for this step\")");

        ScenarioResult noSteps = scenarios.get("a keyword is missing");
        assertThat(noSteps.status()).isEqualTo("PASSED");
        assertThat(noSteps.verdict()).isEqualTo(Verdict.UNDEFINED);
        assertThat(noSteps.reason()).contains("has no steps").contains("Given");
    }

    @Test
    void exampleRowsMapToTheirOutline() {
        List<ScenarioResult> rows = report.features().get(0).scenarios();
        assertThat(rows).extracting(ScenarioResult::name).containsExactly("sends ab", "sends cd");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.keyword()).isEqualTo("Scenario Outline");
            assertThat(row.outlineLine()).isEqualTo(4);
            assertThat(row.answer()).containsExactly("The outline's answer.");
            assertThat(row.verdict()).isEqualTo(Verdict.AS_EXPECTED);
        });
        assertThat(rows).extracting(ScenarioResult::line).containsExactly(12, 13);
    }

    @Test
    void theSummaryCountsEachQuestionsVerdicts() {
        QuestionSummary first = report.summary().questions().get(1);
        assertThat(first.counts()).isEqualTo(new VerdictCounts(1, 1, 1, 2));
        assertThat(first.verdict()).isEqualTo(Verdict.NOT_AS_EXPECTED);
        assertThat(report.summary().totals().total()).isEqualTo(7);
    }
}
