package org.socketlab.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.socketlab.report.LabReport;
import org.socketlab.report.LabReportPlugin;

/**
 * Finds and reads the students' results.json: the files named on the command line, and every
 * {@code results.json} below the directories named. What cannot be used becomes an {@link InputProblem}, never an
 * exception: one bad file must not cost the other students their grade. A {@code REPORT-FAILED.txt} with no
 * results.json beside it (a run that wrote no report), and a results.json that cannot be read, give their student a
 * row that says why, so no student goes missing unseen.
 */
final class Submissions {
    static final String RESULTS_FILE = "results.json";
    /** Directory names that say where a report lies, not whose it is: the id comes from above them. */
    private static final Set<String> NOT_AN_ID = Set.of("lab-report", "target", "results", "artifacts");

    /**
     * The reports to merge, one per student id; the runs that wrote no report, of students with none (their rows say
     * why); and what was wrong with the input.
     */
    record Loaded(List<Submission> submissions, List<FailedRun> failedRuns, List<InputProblem> problems) {
    }

    /**
     * A student's run that left no report to merge: its {@code REPORT-FAILED.txt} and why, in its words; or its
     * results.json and why it cannot be read.
     */
    record FailedRun(Path file, String studentId, boolean idFromDirectory, String why) {
    }

    /** One file read: its submission, or the problem that keeps it out, and for a failed run the run too. */
    private record Read(Submission submission, InputProblem problem, FailedRun failedRun) {
        Read(Submission submission, InputProblem problem) {
            this(submission, problem, null);
        }
    }

    private Submissions() {
    }

    static Loaded load(List<Path> inputs) {
        List<InputProblem> problems = new ArrayList<>();
        List<Path> files = find(inputs, problems);
        // Reading is most of a large class's time (each results.json holds every console and packet): both cores.
        List<Read> read = files.parallelStream().map(Submissions::read).toList();
        Map<String, Submission> byId = new LinkedHashMap<>();
        Map<String, FailedRun> failedById = new LinkedHashMap<>();
        for (Read result : read) {
            if (result.failedRun() != null) {
                failedById.putIfAbsent(result.failedRun().studentId(), result.failedRun());
            }
            if (result.problem() != null) {
                problems.add(result.problem());
                continue;
            }
            Submission submission = result.submission();
            if (submission.idFromDirectory()) {
                problems.add(new InputProblem(submission.file(), InputProblem.Kind.NO_STUDENT_ID,
                        "the cover has no student id: the directory's name \"" + submission.studentId()
                                + "\" stands in for it"));
            }
            Submission other = byId.get(submission.studentId());
            if (other == null) {
                byId.put(submission.studentId(), submission);
                continue;
            }
            Submission newer = newer(other, submission);
            Submission older = newer == other ? submission : other;
            byId.put(submission.studentId(), newer);
            problems.add(new InputProblem(older.file(), InputProblem.Kind.DUPLICATE,
                    "student id \"" + submission.studentId() + "\" has two reports: this one (run " + older.ranAt()
                            + ") is left out for the newer " + newer.file() + " (run " + newer.ranAt() + ")"));
        }
        failedById.keySet().removeAll(byId.keySet()); // a report of the student's, from another run, counts
        return new Loaded(List.copyOf(byId.values()), List.copyOf(failedById.values()), problems);
    }

    /** The newer run; on a tie the later file name, so the choice does not depend on the order files are found. */
    private static Submission newer(Submission a, Submission b) {
        int byTime = a.ranAt().compareTo(b.ranAt());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.file().toString().compareTo(b.file().toString()) >= 0 ? a : b;
    }

    private static List<Path> find(List<Path> inputs, List<InputProblem> problems) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isRegularFile(input)) {
                files.add(input);
                continue;
            }
            List<Path> found = Files.isDirectory(input) ? walk(input, problems) : List.of();
            if (found.isEmpty()) {
                problems.add(new InputProblem(input, InputProblem.Kind.NOTHING_FOUND, Files.exists(input)
                        ? "no " + RESULTS_FILE + " below it" : "it does not exist"));
            }
            files.addAll(found);
        }
        return files.stream().map(path -> path.toAbsolutePath().normalize()).distinct().toList();
    }

    private static List<Path> walk(Path directory, List<InputProblem> problems) {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(path -> path.getFileName().toString().equals(RESULTS_FILE) || isFailedRun(path))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new InputProblem(directory, InputProblem.Kind.NOTHING_FOUND,
                    "cannot be read to the end: " + e.getMessage()));
            return List.of();
        }
    }

    /** A {@code REPORT-FAILED.txt} with no results.json beside it. */
    private static boolean isFailedRun(Path path) {
        return path.getFileName().toString().equals(LabReportPlugin.FAILED_FILE)
                && !Files.exists(path.resolveSibling(RESULTS_FILE));
    }

    /** Why a run wrote no report: its {@code error:} line, else its first line. */
    private static Read failedRun(Path file) {
        String why;
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
            why = lines.stream().filter(line -> line.startsWith("error:")).findFirst()
                    .orElse(lines.isEmpty() ? "(it is empty)" : lines.get(0));
        } catch (IOException | UncheckedIOException e) {
            why = "(it cannot be read: " + e.getMessage() + ")";
        }
        String student = directoryName(file);
        String reason = firstLine(why);
        return new Read(null, new InputProblem(file, InputProblem.Kind.NO_REPORT, "student \"" + student
                + "\" has no results.json, so their row has no points and says why: " + reason),
                new FailedRun(file, student, true, reason));
    }

    private static Read read(Path file) {
        if (isFailedRun(file)) {
            return failedRun(file);
        }
        LabReport report;
        try {
            report = ResultsReader.read(file);
        } catch (ResultsReader.NotAReport e) {
            return unreadable(file, new InputProblem(file, e.kind, e.getMessage()), e.coverStudentId);
        } catch (IOException | RuntimeException e) {
            return unreadable(file, new InputProblem(file, InputProblem.Kind.NOT_A_REPORT,
                    firstLine(String.valueOf(e.getMessage()))), "");
        }
        String coverId = report.cover().studentId();
        boolean fromDirectory = coverId == null || coverId.isBlank();
        String id = fromDirectory ? directoryName(file) : coverId.strip();
        return new Read(new Submission(file, report, id, fromDirectory, ranAt(report, file)), null);
    }

    /**
     * A results.json that cannot be merged still stands for a student: {@code coverId}, the one its cover names if it
     * could be read that far (a report of another schemaVersion), else its directory's. Their row says why it has
     * no points.
     */
    private static Read unreadable(Path file, InputProblem problem, String coverId) {
        if (!file.getFileName().toString().equals(RESULTS_FILE)) {
            return new Read(null, problem); // another file named on the command line: a mistake, not a student
        }
        String student = coverId.isEmpty() ? directoryName(file) : coverId;
        return new Read(null, problem, new FailedRun(file, student, coverId.isEmpty(),
                "its results.json cannot be read: " + problem.kind().phrase() + ": " + problem.detail()));
    }

    /** The nearest directory above the file whose name is not a build's ({@code target/lab-report}). */
    static String directoryName(Path file) {
        for (Path dir = file.toAbsolutePath().getParent(); dir != null && dir.getFileName() != null;
                dir = dir.getParent()) {
            if (!NOT_AN_ID.contains(dir.getFileName().toString())) {
                return dir.getFileName().toString();
            }
        }
        return file.toString();
    }

    private static Instant ranAt(LabReport report, Path file) {
        if (report.run().started() != null) {
            return report.run().started();
        }
        if (report.run().finished() != null) {
            return report.run().finished();
        }
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
