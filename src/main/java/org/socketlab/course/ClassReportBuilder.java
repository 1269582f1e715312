package org.socketlab.course;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.socketlab.report.FeatureResult;
import org.socketlab.report.ScenarioResult;
import org.socketlab.report.Verdict;
import org.socketlab.report.VerdictCounts;

/** Builds the {@link ClassReport} from the students' reports: the columns, the rows, the rates, the reasons. */
final class ClassReportBuilder {
    private final Path out;
    private final int failureGroups;

    /**
     * @param out           where the class report goes: links to the students' own reports are relative to it
     * @param failureGroups how many of the most common reasons the page lists
     */
    ClassReportBuilder(Path out, int failureGroups) {
        this.out = out.toAbsolutePath().normalize();
        this.failureGroups = failureGroups;
    }

    ClassReport build(Submissions.Loaded loaded, Instant generated) {
        List<Submission> submissions = loaded.submissions().stream()
                .sorted(Comparator.comparing(Submission::studentId, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(Submission::studentId))
                .toList();
        List<Map<String, Scored>> scenarios = submissions.parallelStream().map(ClassReportBuilder::scenariosByKey)
                .toList();
        Columns layout = columns(scenarios);
        List<Column> columns = layout.columns();
        List<String> keys = layout.keys();
        List<Column> totals = questionTotals(columns);

        // Rows are independent, and normalizing their reasons is most of the merge's work: both cores.
        List<StudentRow> rows = new ArrayList<>(IntStream.range(0, submissions.size()).parallel()
                .mapToObj(i -> row("s" + (i + 1), submissions.get(i), scenarios.get(i), keys, columns, totals))
                .toList());
        // A student whose run wrote no report still has a row, with no points and why: no one goes missing.
        List<Submissions.FailedRun> failedRuns = loaded.failedRuns();
        for (int i = 0; i < failedRuns.size(); i++) {
            rows.add(noReport("s" + (submissions.size() + i + 1), failedRuns.get(i), keys.size(), totals.size()));
        }
        rows.sort(Comparator.comparing(StudentRow::id, String.CASE_INSENSITIVE_ORDER).thenComparing(StudentRow::id));
        List<ColumnRate> rates = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            int index = c;
            rates.add(rate(columns.get(c), rows, row -> row.cells().get(index)));
        }
        List<QuestionTotal> questions = new ArrayList<>();
        for (int q = 0; q < totals.size(); q++) {
            int index = q;
            Column total = totals.get(q);
            questions.add(new QuestionTotal(total, firstOf(columns, total.question()),
                    (int) columns.stream().filter(column -> column.question() == total.question()).count(),
                    rate(total, rows, row -> row.questions().get(index))));
        }
        List<FailureGroup> groups = failureGroups(rows, columns);
        List<FailureGroup> shown = groups.stream().limit(failureGroups).toList();
        return new ClassReport(mostCommon(submissions, s -> s.report().cover().course()),
                mostCommon(submissions, s -> s.report().cover().assignment()), generated, columns, rows, rates,
                questions, shown, groups.size() - shown.size(), loaded.problems());
    }

    /** A scenario as the student's report has it, with its feature. */
    private record Scored(FeatureResult feature, ScenarioResult scenario) {
    }

    /**
     * A student's scenarios by key: feature file and scenario name (a name repeated in one feature, as an outline's
     * rows can be, gets its occurrence number), so the same scenario lines up in every student's row.
     */
    private static Map<String, Scored> scenariosByKey(Submission submission) {
        Map<String, Scored> byKey = new LinkedHashMap<>();
        for (FeatureResult feature : submission.report().features()) {
            Map<String, Integer> seen = new HashMap<>();
            for (ScenarioResult scenario : feature.scenarios()) {
                int occurrence = seen.merge(scenario.name(), 1, Integer::sum);
                byKey.put(key(feature.file(), scenario.name(), occurrence), new Scored(feature, scenario));
            }
        }
        return byKey;
    }

    private static String key(String file, String name, int occurrence) {
        return file + "\u0000" + name + (occurrence > 1 ? " (" + occurrence + ")" : "");
    }

    /** The matrix's columns, and each one's key into a student's {@link #scenariosByKey scenarios}. */
    private record Columns(List<Column> columns, List<String> keys) {
    }

    /** Every scenario any student has, by feature file name, then by line. */
    private static Columns columns(List<Map<String, Scored>> scenarios) {
        Map<String, Scored> first = new LinkedHashMap<>();
        Map<String, Double> points = new HashMap<>();
        for (Map<String, Scored> student : scenarios) {
            student.forEach((key, scored) -> {
                first.putIfAbsent(key, scored);
                points.merge(key, scored.scenario().points(), Math::max);
            });
        }
        Map<String, List<String>> byFile = new TreeMap<>();
        first.forEach((key, scored) -> byFile.computeIfAbsent(scored.feature().file(), f -> new ArrayList<>())
                .add(key));
        List<Column> columns = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int question = 0;
        for (List<String> fileKeys : byFile.values()) {
            question++;
            fileKeys.sort(Comparator.comparingInt((String key) -> first.get(key).scenario().line())
                    .thenComparing(Function.identity()));
            int number = 0;
            for (String key : fileKeys) {
                Scored scored = first.get(key);
                String name = key.substring(key.indexOf('\u0000') + 1);
                columns.add(new Column("Q" + question + "." + ++number, question, scored.feature().file(),
                        scored.feature().name(), name, points.get(key)));
                keys.add(key);
            }
        }
        return new Columns(columns, keys);
    }

    /** One column per question (the columns are in question order): label {@code Q3}, the points added up. */
    private static List<Column> questionTotals(List<Column> columns) {
        Map<Integer, Column> totals = new LinkedHashMap<>();
        for (Column column : columns) {
            totals.merge(column.question(), new Column("Q" + column.question(), column.question(), column.file(),
                    column.feature(), "", column.points()), (sum, more) -> new Column(sum.label(), sum.question(),
                    sum.file(), sum.feature(), "", sum.points() + more.points()));
        }
        return List.copyOf(totals.values());
    }

    private static int firstOf(List<Column> columns, int question) {
        return IntStream.range(0, columns.size()).filter(c -> columns.get(c).question() == question).findFirst()
                .orElseThrow();
    }

    /**
     * A student's subtotal of one question: the gradable scores added up; as expected only when every scenario
     * there is, else the worst verdict among them; missing when the student's report has none of them.
     */
    private static Cell subtotal(List<Cell> cells, List<Column> columns, int question) {
        double score = 0;
        double points = 0;
        boolean gradable = true;
        int[] counts = new int[Verdict.values().length];
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = cells.get(c);
            if (columns.get(c).question() != question || cell.verdict() == null) {
                continue;
            }
            gradable &= cell.gradable();
            score += cell.score();
            points += cell.points();
            counts[cell.verdict().ordinal()]++;
        }
        // The worst verdict present, as a question's summary in the student's own report reads it.
        Verdict worst = new VerdictCounts(counts[Verdict.AS_EXPECTED.ordinal()],
                counts[Verdict.NOT_AS_EXPECTED.ordinal()], counts[Verdict.SKIPPED.ordinal()],
                counts[Verdict.UNDEFINED.ordinal()]).overall();
        return worst == null ? Cell.MISSING : new Cell(worst, gradable, score, points, null);
    }

    private StudentRow row(String anchor, Submission submission, Map<String, Scored> scenarios, List<String> keys,
            List<Column> columns, List<Column> totals) {
        List<Cell> cells = new ArrayList<>(keys.size());
        double score = 0;
        double points = 0;
        for (String key : keys) {
            Scored scored = scenarios.get(key);
            if (scored == null) {
                cells.add(Cell.MISSING);
                continue;
            }
            boolean gradable = scored.feature().gradable();
            Cell cell = new Cell(scored.scenario().verdict(), gradable, scored.scenario().score(),
                    scored.scenario().points(), FailureReasons.of(scored.scenario()));
            if (gradable) {
                score += cell.score();
                points += cell.points();
            }
            cells.add(cell);
        }
        String name = Objects.requireNonNullElse(submission.report().cover().student(), "");
        List<Cell> subtotals = totals.stream().map(total -> subtotal(cells, columns, total.question())).toList();
        return new StudentRow(anchor, submission.studentId(), submission.idFromDirectory(), name,
                submission.file().toString(), ownReport(submission.file()), cells, subtotals, score, points, null);
    }

    /** The row of a student with no report to merge: every cell missing, no points, and why. */
    private StudentRow noReport(String anchor, Submissions.FailedRun run, int columns, int questions) {
        return new StudentRow(anchor, run.studentId(), run.idFromDirectory(), "", run.file().toString(),
                link(run.file()), Collections.nCopies(columns, Cell.MISSING),
                Collections.nCopies(questions, Cell.MISSING), 0, 0, run.why());
    }

    private static ColumnRate rate(Column column, List<StudentRow> rows, Function<StudentRow, Cell> cellOf) {
        int[] counts = new int[Verdict.values().length];
        int ungradable = 0;
        int missing = 0;
        for (StudentRow row : rows) {
            Cell cell = cellOf.apply(row);
            if (cell.verdict() == null) {
                missing++;
            } else if (!cell.gradable()) {
                ungradable++;
            } else {
                counts[cell.verdict().ordinal()]++;
            }
        }
        return new ColumnRate(column, counts[Verdict.AS_EXPECTED.ordinal()],
                counts[Verdict.NOT_AS_EXPECTED.ordinal()], counts[Verdict.SKIPPED.ordinal()],
                counts[Verdict.UNDEFINED.ordinal()], ungradable, missing);
    }

    /** Every reason, most students first. */
    private static List<FailureGroup> failureGroups(List<StudentRow> rows, List<Column> columns) {
        record Key(String reason, Verdict verdict) {
        }
        final class Group {
            final Set<Integer> columns = new TreeSet<>();
            final Map<String, FailureGroup.Student> students = new LinkedHashMap<>();
            int occurrences;
        }
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (StudentRow row : rows) {
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = row.cells().get(c);
                if (cell.reason() == null) {
                    continue;
                }
                Group group = groups.computeIfAbsent(new Key(cell.reason(), cell.verdict()), key -> new Group());
                group.columns.add(c);
                group.students.putIfAbsent(row.anchor(), new FailureGroup.Student(row.anchor(), row.id()));
                group.occurrences++;
            }
        }
        return groups.entrySet().stream()
                .map(entry -> new FailureGroup(entry.getKey().reason(), entry.getKey().verdict(),
                        entry.getValue().columns.stream().map(c -> columns.get(c).label()).toList(),
                        List.copyOf(entry.getValue().students.values()),
                        entry.getValue().occurrences))
                .sorted(Comparator.comparingInt((FailureGroup group) -> group.students().size()).reversed()
                        .thenComparing(Comparator.comparingInt(FailureGroup::occurrences).reversed())
                        .thenComparing(FailureGroup::reason))
                .toList();
    }

    /** The covers' most common value, e.g. the course's name; empty when none has one. */
    private static String mostCommon(List<Submission> submissions, Function<Submission, String> field) {
        return submissions.stream().map(field).filter(value -> value != null && !value.isBlank())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    /** A link from the class report to the student's own index.html, where it lies beside the results.json. */
    private String ownReport(Path resultsJson) {
        Path html = resultsJson.resolveSibling("index.html");
        return Files.isRegularFile(html) ? link(html) : null;
    }

    /** A link to the file from the class report's directory. */
    private String link(Path file) {
        Path relative = out.relativize(file.toAbsolutePath().normalize());
        StringBuilder href = new StringBuilder();
        for (Path segment : relative) {
            if (href.length() > 0) {
                href.append('/');
            }
            href.append(percentEncoded(segment.toString()));
        }
        return href.toString();
    }

    /** A path segment as a URL writes it: anything but letters, digits and {@code -._~} percent-encoded. */
    static String percentEncoded(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
