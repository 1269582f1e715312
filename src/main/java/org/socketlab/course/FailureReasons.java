package org.socketlab.course;

import java.util.regex.Pattern;
import org.socketlab.report.ScenarioResult;
import org.socketlab.report.StepResult;
import org.socketlab.report.Verdict;

/**
 * Why a scenario did not come out as expected, in words that are the same for every student who made the same
 * mistake, so that reasons can be grouped: a failed expectation is its feature's words, kept as written, plus the
 * first clause of what was observed; a skip or an undefined step is its reason. In what was observed and in the
 * reasons, ports, numbers, addresses, file paths and (in what was observed) the students' own quoted text are
 * replaced by placeholders.
 */
final class FailureReasons {
    private static final String EXPECTED = "expected: ";
    private static final String OBSERVED = "\n but observed: ";
    private static final int MAX_LENGTH = 240;

    private static final Pattern ADDRESS = Pattern.compile(
            "\\[?(?:\\d{1,3}\\.){3}\\d{1,3}\\]?(?::\\d+)?|\\[[0-9a-fA-F:]*:[0-9a-fA-F:]*\\](?::\\d+)?"
                    + "|\\('[\\d.]+', \\d+\\)");
    /** A file path: absolute, relative with ./ or ../, or with a directory and an extension (not HTTP/1.1). */
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w/])(?:\\.{1,2}/|/)[^\\s()'\";,]+|(?<![\\w/])[\\w.-]+/[^\\s()'\";,]*\\.[A-Za-z]\\w*");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w#])\\d+(?:[.,]\\d+)*");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]*\"|'[^'\\n]*'");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private FailureReasons() {
    }

    /** The words of a reason: normalized (for grouping), or as they are (for one student). */
    private interface Words {
        String of(String text, boolean stripQuoted);
    }

    /** The scenario's reason, normalized; null when it came out as expected. */
    static String of(ScenarioResult scenario) {
        return extract(scenario, FailureReasons::normalize);
    }

    /** The scenario's reason in its own words, on one line; null when it came out as expected. */
    static String verbatim(ScenarioResult scenario) {
        return extract(scenario, (text, stripQuoted) -> verbatim(text));
    }

    private static String verbatim(String text) {
        return cut(SPACES.matcher(firstLine(text)).replaceAll(" "));
    }

    private static String extract(ScenarioResult scenario, Words words) {
        if (scenario.verdict() == Verdict.AS_EXPECTED) {
            return null;
        }
        if (scenario.verdict() == Verdict.NOT_AS_EXPECTED) {
            StepResult failed = scenario.steps().stream().filter(StepResult::problem).findFirst().orElse(null);
            if (failed == null) {
                return scenario.reason() != null ? words.of(scenario.reason(), true) : "not as expected";
            }
            return failure(failed, words);
        }
        String reason = scenario.reason();
        if (reason == null) {
            reason = scenario.steps().stream().map(StepResult::errorMessage)
                    .filter(message -> message != null && !message.isBlank()).findFirst()
                    .orElse(scenario.verdict().phrase());
        }
        // An undefined step's reason quotes the feature's own step, the same for everyone: keep it.
        return words.of(reason, scenario.verdict() != Verdict.UNDEFINED);
    }

    private static String failure(StepResult failed, Words words) {
        String message = failed.errorMessage();
        if (message == null || message.isBlank()) {
            return "failed: " + words.of(failed.text(), false);
        }
        int observedAt = message.indexOf(OBSERVED);
        if (message.startsWith(EXPECTED) && observedAt > 0) {
            String expected = message.substring(EXPECTED.length(), observedAt);
            String observed = firstClause(message.substring(observedAt + OBSERVED.length()));
            // The expectation is the feature's own words, the same for every student: kept as they are.
            return "expected " + verbatim(expected) + "; observed " + words.of(observed, true);
        }
        return words.of(message, true);
    }

    /**
     * The text with what differs between students replaced: addresses by {@code ADDRESS}, file paths by
     * {@code …}, numbers by {@code #}; with {@code stripQuoted}, quoted text by {@code "…"}. Whitespace is
     * collapsed, and the result is cut to a few lines' length.
     */
    static String normalize(String text, boolean stripQuoted) {
        String result = firstLine(text);
        // A class has thousands of reasons: each pattern only where its first character can occur.
        if (stripQuoted && (result.indexOf('"') >= 0 || result.indexOf('\'') >= 0)) {
            result = QUOTED.matcher(result).replaceAll("\"…\"");
        }
        boolean digits = result.chars().anyMatch(Character::isDigit);
        if (digits && (result.indexOf('.') >= 0 || result.indexOf(':') >= 0)) {
            result = ADDRESS.matcher(result).replaceAll("ADDRESS");
        }
        if (result.indexOf('/') >= 0) {
            result = PATH.matcher(result).replaceAll("…");
        }
        if (digits) {
            result = NUMBER.matcher(result).replaceAll("#");
        }
        return cut(SPACES.matcher(result).replaceAll(" ").strip());
    }

    private static String cut(String text) {
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    /** Up to the first line's end or semicolon: "not printed; the server's console: ..." is "not printed". */
    private static String firstClause(String observed) {
        String line = firstLine(observed);
        int semicolon = line.indexOf("; ");
        return semicolon > 0 ? line.substring(0, semicolon) : line;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
