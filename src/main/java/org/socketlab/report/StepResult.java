package org.socketlab.report;

import java.time.Duration;
import java.util.List;

/**
 * One step of a scenario as it ran, or a hook that failed (keyword {@code Hook}).
 *
 * @param keyword       {@code Given}, {@code When}, {@code Then}, {@code And}, {@code But}, {@code *} or {@code Hook}
 * @param text          the step's text with the example row's values filled in
 * @param line          its line in the feature file
 * @param docString     the doc string argument, or null
 * @param dataTable     the data table argument's rows, or null
 * @param status        Cucumber's status: {@code PASSED}, {@code FAILED}, {@code SKIPPED}, {@code UNDEFINED}, ...
 * @param duration      how long it ran
 * @param errorType     the class of what it threw, or null
 * @param errorMessage  the message of what it threw (for a skipped step: why it was skipped), or null
 * @param errorTrace    the first lines of the stack trace, for failures only, or null
 * @param snippets      suggested step definitions, for undefined steps only
 */
public record StepResult(String keyword, String text, int line, String docString, List<List<String>> dataTable,
        String status, Duration duration, String errorType, String errorMessage, String errorTrace,
        List<String> snippets) {
    public StepResult {
        snippets = snippets == null ? List.of() : List.copyOf(snippets);
        dataTable = dataTable == null ? null : dataTable.stream().map(List::copyOf).toList();
    }

    /** Whether this step is a problem to show in full: failed, undefined, pending or ambiguous. */
    public boolean problem() {
        return !"PASSED".equals(status) && !"SKIPPED".equals(status);
    }
}
