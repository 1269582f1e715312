package org.socketlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.socketlab.report.LabReport;
import org.socketlab.report.PdfPrinter;
import org.socketlab.report.ReportJson;
import org.socketlab.report.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Renders the lab report's index.html again from its results.json alone, e.g. after "
                + "editing a template in reports-template/, and prints it to lab-report.pdf where Chromium is "
                + "installed (where it is not, it says why and writes no PDF).")
final class ReportCommand implements Callable<Integer> {
    /** Exit codes: 1 when results.json cannot be read or index.html cannot be written (2 is picocli's usage error). */
    enum Exit {
        OK(0), IO_ERROR(1);

        final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    private final StdTerminal terminal;

    @Parameters(index = "0", paramLabel = "RESULTS_JSON", description = "The results.json a test run wrote.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write index.html and lab-report.pdf (default: the directory of RESULTS_JSON).")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Templates that override the built-in ones by file name (default: reports-template/ "
                    + "when it exists).")
    Path templates;

    ReportCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        LabReport report;
        try {
            report = ReportJson.read(results);
        } catch (IOException e) {
            terminal.printError("error: cannot read " + results + ": " + e.getMessage());
            return Exit.IO_ERROR.code;
        }
        Path dir = out != null ? out : results.toAbsolutePath().getParent();
        try {
            ReportRenderer renderer = templates != null ? new ReportRenderer(templates)
                    : ReportRenderer.fromSystemProperties();
            PdfPrinter.write(renderer, report, dir, false, terminal::println);
            return Exit.OK.code;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // A missing template directory, a template error, an unwritable directory: all the user's to fix.
            terminal.printError("error: cannot write " + dir.resolve("index.html") + ": " + e.getMessage());
            return Exit.IO_ERROR.code;
        }
    }
}
