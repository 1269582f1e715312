package org.socketlab.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestStepFinished;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints each scenario to the console as one block when it ends: its name and place, then each step with its
 * status, and under a step that failed or was skipped, why. Cucumber's {@code pretty} prints steps as they finish,
 * so with scenarios running side by side their lines interleave under each other's names; here a scenario's
 * lines stay together.
 *
 * <p>Enable it with {@code cucumber.plugin=org.socketlab.report.ScenarioConsolePlugin}. Thread-safe.
 */
public final class ScenarioConsolePlugin implements ConcurrentEventListener {
    private static final int MESSAGE_LINES = 6;

    private final PrintStream out;
    private final boolean dryRun = LabReportPlugin.isDryRun();
    private final Map<UUID, List<String>> lines = new ConcurrentHashMap<>();
    private final Map<UUID, Throwable> shownErrors = new ConcurrentHashMap<>();

    public ScenarioConsolePlugin() {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    ScenarioConsolePlugin(PrintStream out) {
        this.out = out;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
    }

    private void stepFinished(TestStepFinished event) {
        if (!(event.getTestStep() instanceof PickleStepTestStep step)) {
            return; // hooks: their failures show on the scenario
        }
        List<String> block = lines.computeIfAbsent(event.getTestCase().getId(), id -> new ArrayList<>());
        Result result = event.getResult();
        block.add("  " + symbol(result.getStatus()) + " " + step.getStep().getKeyword() + step.getStep().getText());
        if (result.getError() != null && result.getStatus() != Status.PASSED) {
            block.addAll(indented(result.getError().getMessage()));
            shownErrors.put(event.getTestCase().getId(), result.getError());
        }
    }

    private void scenarioFinished(TestCaseFinished event) {
        TestCase testCase = event.getTestCase();
        List<String> block = lines.remove(testCase.getId());
        Throwable shown = shownErrors.remove(testCase.getId());
        Result result = event.getResult();
        String status = dryRun && result.getStatus() == Status.PASSED ? "not run: dry run"
                : result.getStatus().name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder text = new StringBuilder()
                .append(testCase.getKeyword()).append(": ").append(testCase.getName())
                .append("    # ").append(LabReportPlugin.fileName(testCase.getUri().toString()))
                .append(':').append(testCase.getLocation().getLine())
                .append(" (").append(status).append(")\n");
        if (block != null) {
            block.forEach(line -> text.append(line).append('\n'));
        }
        if (result.getError() != null && result.getError() != shown) {
            // A hook failed (before the steps, or closing what they started): no step line says why.
            text.append("  ✘ ").append(result.getStatus() == Status.SKIPPED ? "skipped" : "failed").append(":\n");
            indented(result.getError().getMessage()).forEach(line -> text.append(line).append('\n'));
        }
        synchronized (out) {
            out.println(text);
        }
    }

    private static String symbol(Status status) {
        return switch (status) {
            case PASSED -> "✔";
            case SKIPPED -> "↷";
            case UNDEFINED, PENDING -> "?";
            default -> "✘";
        };
    }

    /** The start of a message, indented under its step; a stack trace is in the report. */
    private static List<String> indented(String message) {
        List<String> shown = new ArrayList<>();
        String[] messageLines = String.valueOf(message).split("\n");
        for (int i = 0; i < Math.min(MESSAGE_LINES, messageLines.length); i++) {
            shown.add("      " + messageLines[i]);
        }
        if (messageLines.length > MESSAGE_LINES) {
            shown.add("      … (" + (messageLines.length - MESSAGE_LINES) + " more lines in the report)");
        }
        return shown;
    }
}
