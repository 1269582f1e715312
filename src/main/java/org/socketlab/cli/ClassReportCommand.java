package org.socketlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.socketlab.course.ClassReport;
import org.socketlab.course.ClassReports;
import org.socketlab.course.InputProblem;
import org.socketlab.report.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "class-report", mixinStandardHelpOptions = true,
        description = "Merges many students' results.json (the files given, and every results.json below the "
                + "directories given) into DIR/index.html, one offline page, and DIR/grades.csv, a gradebook. "
                + "Input that cannot be used is listed on the page and on standard error; it does not stop the run.")
final class ClassReportCommand implements Callable<Integer> {
    /** Exit codes: 1 when no student's report could be read, or the files cannot be written (2 is usage). */
    enum Exit {
        OK(0), NOTHING_MERGED(1);

        final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    private final StdTerminal terminal;

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "results.json files, or directories "
            + "searched for them (e.g. the downloaded CI artifacts).")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to write index.html and grades.csv.")
    Path out;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Templates that override the built-in ones by file name (default: reports-template/ "
                    + "when it exists).")
    Path templates;

    ClassReportCommand(StdTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try {
            ClassReports classReports = new ClassReports(
                    templates != null ? templates : ReportRenderer.templatesFromSystemProperties(), Clock.systemUTC());
            ClassReports.Written written = classReports.write(inputs, out);
            ClassReport report = written.report();
            for (InputProblem problem : report.problems()) {
                terminal.printError("warning: " + problem.file() + ": " + problem.kind().phrase() + ": "
                        + problem.detail());
            }
            terminal.println(count(report.students().size(), "student") + ", "
                    + count(report.columns().size(), "scenario"));
            terminal.println(written.html().toString());
            terminal.println(written.csv().toString());
            if (report.students().stream().allMatch(student -> student.noReport() != null)) {
                terminal.printError("error: no student's results.json could be read");
                return Exit.NOTHING_MERGED.code;
            }
            return Exit.OK.code;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            terminal.printError("error: cannot write the class report to " + out + ": " + e.getMessage());
            return Exit.NOTHING_MERGED.code;
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
