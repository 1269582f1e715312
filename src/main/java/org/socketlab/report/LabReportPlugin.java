package org.socketlab.report;

import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableRow;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.DataTableArgument;
import io.cucumber.plugin.event.DocStringArgument;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.SnippetsSuggestedEvent;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.StepArgument;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepFinished;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.socketlab.lab.ObservationBoard;
import org.socketlab.model.ScenarioObservations;

/**
 * The Cucumber plugin that writes the lab report: {@code results.json}, {@code index.html} and, where Chromium is
 * installed, {@code lab-report.pdf} printed from that page (see {@link PdfPrinter}), in the directory
 * named by the system property {@code lab.report.dir} (default {@code target/lab-report}), or by the plugin's
 * argument ({@code org.socketlab.report.LabReportPlugin:DIR}), when the test run finishes, whatever the
 * scenarios' results: a failing scenario belongs in the report, and the build fails on it by itself.
 *
 * <p>A report that cannot be written (a template error, a directory that is not writable) cannot fail the run:
 * Cucumber gives a plugin no way to, and an exception from it would only be logged. So the failure is made
 * visible instead: a line starting with {@code ERROR socket-lab:} on standard error, the reason and stack trace
 * in {@value #FAILED_FILE} in the directory, and an {@code index.html} saying the report was not written rather
 * than an earlier run's report (see {@link ReportRenderer#write}). A CI step can fail the build when
 * {@value #FAILED_FILE} exists; a report written successfully deletes it.
 *
 * <p>Enable it with {@code cucumber.plugin=org.socketlab.report.LabReportPlugin} in
 * {@code junit-platform.properties}. Templates come from {@code lab.report.templates} (see {@link ReportRenderer});
 * the cover from {@code lab.properties} (see {@link LabProperties}), with the run's setup (isolation, the programs
 * that played each role) as published on {@link ObservationBoard#setup()} before the scenarios ran.
 *
 * <p>Thread-safe: scenarios may run in parallel, each test case's events arrive on its own thread.
 */
public final class LabReportPlugin implements ConcurrentEventListener {
    /** The system property naming the output directory. */
    public static final String DIR_PROPERTY = "lab.report.dir";
    /** Written into the directory, with the reason, when the report could not be written. */
    public static final String FAILED_FILE = "REPORT-FAILED.txt";
    static final String DEFAULT_DIR = "target/lab-report";
    private static final int TRACE_LINES = 12;

    private final Path dir;
    private final boolean dryRun = isDryRun();
    private final Map<String, FeatureSource> features = new ConcurrentHashMap<>();
    private final Map<UUID, RunningScenario> running = new ConcurrentHashMap<>();
    private final Map<String, List<String>> snippets = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<FinishedScenario> finished = new ConcurrentLinkedQueue<>();
    private volatile Instant runStarted;

    /** Writes into {@code lab.report.dir}, default {@code target/lab-report}. */
    public LabReportPlugin() {
        this(new File(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)));
    }

    /** Writes into the plugin argument's directory. */
    public LabReportPlugin(File dir) {
        this.dir = dir.toPath();
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, event -> runStarted = event.getInstant());
        publisher.registerHandlerFor(Envelope.class, this::envelope);
        publisher.registerHandlerFor(SnippetsSuggestedEvent.class, this::snippets);
        publisher.registerHandlerFor(TestCaseStarted.class, this::testCaseStarted);
        publisher.registerHandlerFor(TestStepFinished.class, this::testStepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::testCaseFinished);
        publisher.registerHandlerFor(TestRunFinished.class, this::testRunFinished);
    }

    private void envelope(Envelope envelope) {
        envelope.getGherkinDocument().ifPresent(document -> {
            FeatureSource source = FeatureSource.of(document);
            if (source != null) {
                features.put(source.uri(), source);
            }
        });
    }

    private void snippets(SnippetsSuggestedEvent event) {
        snippets.put(stepKey(event.getUri(), event.getStepLocation().getLine()),
                List.copyOf(event.getSuggestion().getSnippets()));
    }

    private void testCaseStarted(TestCaseStarted event) {
        running.put(event.getTestCase().getId(), new RunningScenario(event.getInstant()));
    }

    private void testStepFinished(TestStepFinished event) {
        RunningScenario scenario = running.computeIfAbsent(event.getTestCase().getId(),
                id -> new RunningScenario(event.getInstant()));
        Result result = event.getResult();
        if (event.getTestStep() instanceof PickleStepTestStep step) {
            scenario.add(step(step, result));
        } else if (event.getTestStep() instanceof HookTestStep hook && result.getStatus() != Status.PASSED
                && result.getStatus() != Status.SKIPPED) {
            // Passing hooks are plumbing; a failing one is why the scenario failed, so it is shown like a step.
            scenario.add(new StepResult("Hook", hook.getHookType() + " " + hook.getCodeLocation(), 0, null, null,
                    result.getStatus().name(), result.getDuration(), errorType(result), errorMessage(result),
                    errorTrace(result), List.of()));
        }
    }

    private StepResult step(PickleStepTestStep step, Result result) {
        StepArgument argument = step.getStep().getArgument();
        String docString = argument instanceof DocStringArgument doc ? doc.getContent() : null;
        List<List<String>> table = argument instanceof DataTableArgument data ? data.cells() : null;
        List<String> suggested = result.getStatus() == Status.UNDEFINED
                ? snippets.getOrDefault(stepKey(step.getUri(), step.getStep().getLine()), List.of())
                : List.of();
        return new StepResult(step.getStep().getKeyword().strip(), step.getStep().getText(),
                step.getStep().getLine(), docString, table, result.getStatus().name(), result.getDuration(),
                errorType(result), errorMessage(result), errorTrace(result), suggested);
    }

    private void testCaseFinished(TestCaseFinished event) {
        TestCase testCase = event.getTestCase();
        RunningScenario scenario = running.remove(testCase.getId());
        Instant started = scenario == null ? event.getInstant() : scenario.started;
        List<StepResult> steps = scenario == null ? List.of() : scenario.steps();
        // Capped here, before it is kept: a flooding program's console must not make the report unusable.
        ScenarioObservations observations = ConsoleCap.apply(ObservationBoard.take(testCase.getId().toString()));
        finished.add(new FinishedScenario(testCase.getUri().toString(), testCase, event.getResult(), started,
                steps, observations));
    }

    private void testRunFinished(TestRunFinished event) {
        Instant finishedAt = event.getInstant();
        Instant startedAt = runStarted == null ? finishedAt : runStarted;
        LabReport report = LabReport.of(new RunInfo(startedAt, finishedAt, Duration.between(startedAt, finishedAt),
                ZoneId.systemDefault().getId()),
                LabProperties.cover(), LabProperties.machine(), ObservationBoard.setup(), features());
        write(report, Coursework::fromSystemProperties, ReportRenderer::fromSystemProperties, System.out, System.err);
    }

    /**
     * Writes the report, or makes its failure visible: an {@code ERROR} line on {@code err} and the reason in
     * {@value #FAILED_FILE}. Never throws: the scenarios' own results must still reach Cucumber and JUnit.
     */
    void write(LabReport report, Supplier<ReportRenderer> renderer, PrintStream out, PrintStream err) {
        write(report, Coursework::none, renderer, out, err);
    }

    /**
     * The same, with the course's part applied first (the student's answers, points, reference answers hidden or
     * not; see {@link Coursework}) and the graders' files written after the page. A setting or {@code @points}
     * tag that cannot be used fails the report like a template error, with its reason.
     */
    void write(LabReport report, Supplier<Coursework> coursework, Supplier<ReportRenderer> renderer,
            PrintStream out, PrintStream err) {
        Path failed = dir.resolve(FAILED_FILE);
        Coursework course = null;
        LabReport graded = null;
        try {
            // First, so that a marker left by an earlier run never sits beside this run's report, nor an earlier
            // run's results.json beside this run's marker (a class report would grade it as this run).
            Files.deleteIfExists(failed);
            Files.deleteIfExists(dir.resolve(ReportRenderer.JSON_FILE));
            course = coursework.get();
            graded = course.apply(report);
            // The page, then the PDF printed from it; where there is no PDF, the console and the page say why.
            PdfPrinter.write(renderer.get(), graded, dir, true, out::println);
            course.writeGraderFiles(graded, dir, dryRun);
        } catch (IOException | RuntimeException e) {
            err.println("ERROR socket-lab: the lab report could not be written to " + dir + ": " + e);
            StringWriter reason = new StringWriter();
            reason.write("The lab report could not be written to " + dir.toAbsolutePath() + ".\n"
                    + "index.html there says so instead of showing an earlier run's report.\n\n");
            e.printStackTrace(new PrintWriter(reason));
            try {
                Files.createDirectories(dir);
                Files.writeString(failed, reason.toString(), StandardCharsets.UTF_8);
                err.println("ERROR socket-lab: the reason is in " + failed.toAbsolutePath());
                UngradableRun.afterFailure(course, graded, dir, "The lab report could not be written: " + e, dryRun);
            } catch (IOException | RuntimeException markerFailed) {
                err.println("ERROR socket-lab: " + failed + " or the graders' files could not be written either: "
                        + markerFailed);
            }
        }
    }

    /** The scenarios that ran, grouped by feature file. */
    List<FeatureResult> features() {
        Map<String, List<FinishedScenario>> byUri = finished.stream()
                .collect(Collectors.groupingBy(FinishedScenario::uri, LinkedHashMap::new, Collectors.toList()));
        List<FeatureResult> results = new ArrayList<>();
        byUri.forEach((uri, scenarios) -> {
            FeatureSource source = features.getOrDefault(uri, FeatureSource.unknown(uri));
            List<ScenarioResult> ordered = scenarios.stream()
                    .map(scenario -> scenario.result(source, dryRun))
                    .sorted(Comparator.comparingInt(ScenarioResult::line))
                    .toList();
            results.add(new FeatureResult(uri, fileName(uri), source.keyword(), source.name(), source.question(),
                    ordered));
        });
        return results;
    }

    private static String stepKey(URI uri, int line) {
        return uri + ":" + line;
    }

    /**
     * Whether Cucumber only matches steps to definitions, running nothing. Cucumber gives a plugin no view of its
     * options; Failsafe passes this one on as a system property (pom.xml).
     */
    static boolean isDryRun() {
        return Boolean.getBoolean("cucumber.execution.dry-run");
    }

    static String fileName(String uri) {
        String path = URI.create(uri).getSchemeSpecificPart();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String errorType(Result result) {
        return result.getError() == null ? null : result.getError().getClass().getName();
    }

    private static String errorMessage(Result result) {
        Throwable error = result.getError();
        if (error == null) {
            return null;
        }
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message.strip();
    }

    /** The trace's first lines, for failures only: a skipped step's trace says nothing an instructor needs. */
    private static String errorTrace(Result result) {
        if (result.getError() == null || result.getStatus() == Status.SKIPPED) {
            return null;
        }
        StringWriter trace = new StringWriter();
        result.getError().printStackTrace(new PrintWriter(trace));
        List<String> lines = Arrays.asList(trace.toString().split("\\R"));
        String kept = String.join("\n", lines.subList(0, Math.min(TRACE_LINES, lines.size())));
        return lines.size() > TRACE_LINES ? kept + "\n\t... " + (lines.size() - TRACE_LINES) + " more" : kept;
    }

    /** The steps of a test case as they finish; one thread at a time per test case, but published to another. */
    private static final class RunningScenario {
        private final Instant started;
        private final List<StepResult> steps = new ArrayList<>();

        RunningScenario(Instant started) {
            this.started = started;
        }

        synchronized void add(StepResult step) {
            steps.add(step);
        }

        synchronized List<StepResult> steps() {
            return List.copyOf(steps);
        }
    }

    private record FinishedScenario(String uri, TestCase testCase, Result result, Instant started,
            List<StepResult> steps, ScenarioObservations observations) {

        /** In a dry run, steps that matched a definition "pass" without running: nothing was observed. */
        ScenarioResult result(FeatureSource feature, boolean dryRun) {
            int line = testCase.getLocation().getLine();
            ScenarioSource source = feature.scenarios().get(line);
            List<String> description = source == null ? List.of() : source.description();
            String status = result.getStatus().name();
            // Cucumber passes a scenario without steps; for a lab report it showed nothing, so it is unfinished.
            Verdict verdict = steps.isEmpty() ? Verdict.UNDEFINED : Verdict.ofStatus(status);
            String reason = reason(verdict);
            if (dryRun && verdict == Verdict.AS_EXPECTED) {
                verdict = Verdict.SKIPPED;
                reason = DRY_RUN;
            }
            return new ScenarioResult(testCase.getId().toString(),
                    source == null ? testCase.getKeyword() : source.keyword(), testCase.getName(), line,
                    source == null ? null : source.outlineLine(), testCase.getTags(),
                    Descriptions.answer(description), Descriptions.otherSystems(description), status, verdict,
                    reason, started, result.getDuration(), steps, observations);
        }

        /** Why a scenario was skipped or undefined, in the words of the step that made it so. */
        private String reason(Verdict verdict) {
            return switch (verdict) {
                case SKIPPED -> steps.stream()
                        .filter(step -> "SKIPPED".equals(step.status()) && step.errorMessage() != null)
                        .map(step -> stripAssumption(step.errorMessage()))
                        .findFirst()
                        .orElse(result.getError() == null ? null : stripAssumption(errorMessage(result)));
                case UNDEFINED -> steps.isEmpty() ? NO_STEPS : steps.stream()
                        .filter(step -> "UNDEFINED".equals(step.status()) || "PENDING".equals(step.status()))
                        .map(step -> "UNDEFINED".equals(step.status())
                                ? "no step definition for \"" + step.text() + "\""
                                : "pending: " + (step.errorMessage() == null ? step.text() : step.errorMessage()))
                        .findFirst().orElse(null);
                default -> null;
            };
        }

        private static final String DRY_RUN = "not run: this was a dry run (mvn verify -Plint), which only checks "
                + "that every step has a definition; mvn verify runs the programs";

        private static final String NO_STEPS = "the scenario has no steps: a line that does not start with Given, "
                + "When, Then, And or But is read as part of the scenario's description";

        /** JUnit's Assumptions prefix their message; the reason reads better without it. */
        private static String stripAssumption(String message) {
            String prefix = "Assumption failed: ";
            return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
    }

    /** A scenario as the feature file wrote it; for an example row, its outline. */
    private record ScenarioSource(String keyword, Integer outlineLine, List<String> description) {
    }

    /** A feature file as the Gherkin parser read it: descriptions are not in Cucumber's plugin events. */
    private record FeatureSource(String uri, String keyword, String name, List<String> question,
            Map<Integer, ScenarioSource> scenarios) {

        static FeatureSource unknown(String uri) {
            return new FeatureSource(uri, "Feature", fileName(uri), List.of(), Map.of());
        }

        static FeatureSource of(GherkinDocument document) {
            if (document.getUri().isEmpty() || document.getFeature().isEmpty()) {
                return null;
            }
            Feature feature = document.getFeature().get();
            Map<Integer, ScenarioSource> scenarios = new ConcurrentHashMap<>();
            for (FeatureChild child : feature.getChildren()) {
                child.getScenario().ifPresent(scenario -> add(scenario, scenarios));
                child.getRule().ifPresent(rule -> rule.getChildren().stream()
                        .map(RuleChild::getScenario)
                        .forEach(scenario -> scenario.ifPresent(s -> add(s, scenarios))));
            }
            return new FeatureSource(document.getUri().get(), feature.getKeyword(), feature.getName(),
                    Descriptions.paragraphs(feature.getDescription()), Map.copyOf(scenarios));
        }

        /** Maps the scenario's line, and each example row's line (a test case's line) to the scenario. */
        private static void add(Scenario scenario, Map<Integer, ScenarioSource> scenarios) {
            int line = scenario.getLocation().getLine().intValue();
            List<String> description = Descriptions.paragraphs(scenario.getDescription());
            scenarios.put(line, new ScenarioSource(scenario.getKeyword(), null, description));
            for (Examples examples : scenario.getExamples()) {
                for (TableRow row : examples.getTableBody()) {
                    scenarios.put(row.getLocation().getLine().intValue(),
                            new ScenarioSource(scenario.getKeyword(), line, description));
                }
            }
        }
    }
}
