package org.socketlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.socketlab.course.VerdictTable;
import org.socketlab.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Prints a results.json's verdicts and score as a markdown table, e.g. for a CI job's page: "
                + "socket-lab summary target/lab-report/results.json >> \"$GITHUB_STEP_SUMMARY\"")
final class SummaryCommand implements Callable<Integer> {
    private final StdTerminal terminal;

    @Parameters(index = "0", paramLabel = "RESULTS_JSON", description = "The results.json a test run wrote.")
    Path results;

    SummaryCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try {
            terminal.println(VerdictTable.markdown(ReportJson.read(results)));
            return ReportCommand.Exit.OK.code;
        } catch (IOException e) {
            terminal.printError("error: cannot read " + results + ": " + e.getMessage());
            return ReportCommand.Exit.IO_ERROR.code;
        }
    }
}
