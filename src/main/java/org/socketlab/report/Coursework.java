package org.socketlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.socketlab.answers.AnswerFile;
import org.socketlab.answers.AnswerFiles;
import org.socketlab.answers.Headings;
import org.socketlab.grader.GraderFiles;

/**
 * What a course adds to the lab report: the student's own answers ({@code answers/}) beside the evidence, each
 * scenario's points ({@code @points=N}) and score, the reference answers hidden for a graded hand-in, and the
 * graders' results files. Settings are described in {@link CourseSettings}, the points in {@link PointsTags}.
 */
public final class Coursework {
    private static final Path FEATURES = Path.of("features");
    private final CourseSettings settings;
    private final List<AnswerFile> answers;
    private final Set<String> featureFiles;

    /**
     * The answers of the settings' directory, checked against the feature files in {@code features/}.
     *
     * @throws java.io.UncheckedIOException when an answer file cannot be read
     */
    Coursework(CourseSettings settings) {
        this(settings, AnswerFiles.read(settings.answers(), settings.answersShown()), featureFiles(FEATURES));
    }

    private Coursework(CourseSettings settings, List<AnswerFile> answers, Set<String> featureFiles) {
        this.settings = settings;
        this.answers = List.copyOf(answers);
        this.featureFiles = Set.copyOf(featureFiles);
    }

    /** No course: no answers read, every scenario worth its tags' points, reference answers shown. */
    static Coursework none() {
        return new Coursework(CourseSettings.defaults(), List.of(), Set.of());
    }

    /** The names of the feature files below {@code dir}; none when it does not exist. */
    static Set<String> featureFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".feature"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the feature files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The course as {@code lab.properties} and the system properties set it.
     *
     * @throws IllegalArgumentException when a setting cannot be used, naming it and its value
     */
    static Coursework fromSystemProperties() {
        return new Coursework(CourseSettings.fromSystemProperties());
    }

    /**
     * Checks, before any scenario runs, the course's settings ({@code lab.answers}, {@code lab.referenceAnswers},
     * {@code lab.grader}) and every {@code @points} tag under {@code features}.
     *
     * @throws IllegalArgumentException naming what is wrong: the setting and its value, or the tag's file and line
     * @throws java.io.UncheckedIOException when a feature file or answer file cannot be read
     */
    public static void check(Path features) {
        fromSystemProperties();
        PointsTags.check(features);
    }

    /**
     * The report with each scenario's points and score, the student's answers, and the answer files and headings
     * that match no feature or scenario of it; without the reference answers when they are hidden.
     *
     * @throws IllegalArgumentException when a scenario's {@code @points} tag is malformed
     */
    LabReport apply(LabReport report) {
        Map<String, AnswerFile> byFeature = answers.stream()
                .collect(Collectors.toMap(AnswerFile::featureFile, Function.identity()));
        Set<AnswerFile> usedFiles = Collections.newSetFromMap(new IdentityHashMap<>());
        // By identity: two headings may be written alike, and each is listed on its own when it matches nothing.
        Set<AnswerFile.Section> usedSections = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FeatureResult> features = new ArrayList<>();
        for (FeatureResult feature : report.features()) {
            AnswerFile file = byFeature.get(feature.file());
            if (file != null) {
                usedFiles.add(file);
            }
            List<ScenarioResult> scenarios = feature.scenarios().stream().map(scenario -> {
                double points = PointsTags.of(scenario.tags(), feature.file() + ", scenario at line "
                        + scenario.line());
                ScenarioResult graded = scenario.graded(points, answerTo(scenario, file, usedSections));
                return settings.referenceAnswers() ? graded : graded.withoutReferenceAnswer();
            }).toList();
            features.add(feature.with(scenarios, file == null ? null : file.overall()));
        }
        return report.graded(features, unmatched(usedFiles, usedSections));
    }

    /** The sections whose heading names the scenario, joined; null when none says anything. */
    private static String answerTo(ScenarioResult scenario, AnswerFile file, Set<AnswerFile.Section> used) {
        if (file == null) {
            return null;
        }
        List<AnswerFile.Section> sections = file.sections().stream()
                .filter(section -> Headings.matches(section.heading(), scenario.name())).toList();
        used.addAll(sections);
        String answer = sections.stream().map(AnswerFile.Section::markdown).filter(Objects::nonNull)
                .collect(Collectors.joining("\n\n"));
        return answer.isEmpty() ? null : answer;
    }

    /**
     * Files that answer no feature of the report nor any feature file in {@code features/}, and headings that name
     * none of its scenarios. A file whose feature is there but did not run (a filtered run) is not listed: its
     * headings can only be checked against scenarios that ran.
     */
    private List<String> unmatched(Set<AnswerFile> usedFiles, Set<AnswerFile.Section> usedSections) {
        List<String> unmatched = new ArrayList<>();
        for (AnswerFile file : answers) {
            if (!usedFiles.contains(file)) {
                if (!featureFiles.contains(file.featureFile())) {
                    unmatched.add(file.shown() + " (no feature " + file.featureFile() + " ran)");
                }
                continue;
            }
            file.sections().stream().filter(section -> !usedSections.contains(section))
                    .map(section -> file.shown() + ", line " + section.line() + ": ## " + section.heading())
                    .forEach(unmatched::add);
        }
        return unmatched;
    }

    /**
     * Writes {@code gradescope-results.json} and {@code prairielearn-results.json} into {@code dir} and, with
     * {@code lab.grader} set, that grader's own results file; not the grader's own in a dry run, which runs
     * nothing and so must not be taken for a grade.
     */
    void writeGraderFiles(LabReport graded, Path dir, boolean dryRun) throws IOException {
        GraderFiles.write(GraderRuns.of(graded), dir, dryRun ? null : settings.grader());
    }
}
