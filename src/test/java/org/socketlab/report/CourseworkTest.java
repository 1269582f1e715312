package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.grader.Grader;

/** The student's answers, the points, the reference answers hidden or shown, and the settings that choose them. */
class CourseworkTest {
    @TempDir
    Path dir;

    private static FeatureResult feature(LabReport report, String file) {
        return report.features().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void answersGoToTheirQuestionAndScenarioAndWhatMatchesNothingIsListed() throws IOException {
        LabReport report = CourseFixture.graded(dir, true);

        FeatureResult udp = feature(report, "1-part1-udp.feature");
        assertThat(udp.studentAnswer()).isEqualTo("The server upper-cases **every** sentence.");
        assertThat(udp.scenarios().get(0).studentAnswer()).startsWith(CourseFixture.UDP_ANSWER);
        FeatureResult questionA = feature(report, "3-question-a-tcp-client-first.feature");
        assertThat(questionA.studentAnswer()).startsWith("It gives an error");
        assertThat(questionA.scenarios().get(0).studentAnswer()).as("no heading names it").isNull();
        assertThat(feature(report, "4-question-b-udp-client-first.feature").studentAnswer()).as("no file").isNull();
        assertThat(report.unmatchedAnswers()).containsExactly(
                "answers/3-question-a-tcp-client-first.md, line 3: ## A scenario that does not exist",
                "answers/9-extra.md (no feature 9-extra.feature ran)");
    }

    @Test
    void anAnswerToAFeatureThatIsThereButDidNotRunIsNotListedAsMatchingNothing() throws IOException {
        Path answers = CourseFixture.answers(dir);
        // A shipped feature file the fixture's run (as a filtered one) left out.
        String shipped = Coursework.featureFiles(Path.of("features")).stream()
                .filter(name -> CourseFixture.tagged().features().stream().noneMatch(f -> f.file().equals(name)))
                .sorted().findFirst().orElseThrow();
        Files.writeString(answers.resolve(shipped.replace(".feature", ".md")), "## Any heading\nAn answer.\n");

        LabReport report = new Coursework(CourseFixture.settings(answers, true)).apply(CourseFixture.tagged());

        assertThat(report.unmatchedAnswers()).as("only what can be told to match nothing").containsExactly(
                "answers/3-question-a-tcp-client-first.md, line 3: ## A scenario that does not exist",
                "answers/9-extra.md (no feature 9-extra.feature ran)");
    }

    @Test
    void pointsComeFromTheNearestTagAndOnlyWhatRanAsExpectedScores() throws IOException {
        LabReport report = CourseFixture.graded(dir, true);

        assertThat(report.features()).extracting(FeatureResult::file, FeatureResult::points, FeatureResult::score,
                FeatureResult::gradable).containsExactly(
                tuple("1-part1-udp.feature", 2.0, 2.0, true),
                tuple("3-question-a-tcp-client-first.feature", 2.0, 2.0, true),
                // the feature's @points=1 for the scenario that ran; the skipped one's own 1.5, earning nothing
                tuple("4-question-b-udp-client-first.feature", 2.5, 1.0, true),
                // its only scenario is undefined: nothing could run, so ungradable rather than 0
                tuple("5-question-c-different-ports.feature", 1.0, 0.0, false),
                tuple("6-part2-line-server.feature", 3.0, 0.0, true),
                tuple("7-part2-conditional-get.feature", 0.0, 0.0, true));
        assertThat(report.summary().points()).isEqualTo(10.5);
        assertThat(report.summary().score()).isEqualTo(5);
    }

    @Test
    void hiddenReferenceAnswersAreInNeitherTheReportNorResultsJson() throws IOException {
        String reference = ReportFixture.report().features().get(0).scenarios().get(0).answer().get(0);
        LabReport shown = CourseFixture.graded(dir.resolve("shown"), true);
        LabReport hidden = CourseFixture.graded(dir.resolve("hidden"), false);

        assertThat(ReportJson.write(shown)).contains(reference);
        String referenceInHtml = reference.replace("'", "&#39;");
        assertThat(new ReportRenderer(null).render(shown)).contains(referenceInHtml);
        assertThat(ReportJson.write(hidden)).doesNotContain(reference);
        String html = new ReportRenderer(null).render(hidden);
        assertThat(html).doesNotContain(referenceInHtml, "class=\"other\"")
                .as("the question and the student's answer stay").contains("Install and compile the Python programs",
                        "The server answers the address the datagram came from.");
        assertThat(hidden.features()).flatExtracting(FeatureResult::scenarios)
                .allSatisfy(s -> assertThat(s.answer()).isEmpty());
    }

    @Test
    void theReportShowsTheAnswersEscapedBesideTheEvidenceAndTheScoresAndWhatMatchedNothingFirst() throws IOException {
        String html = new ReportRenderer(null).render(CourseFixture.graded(dir, true));

        assertThat(html).doesNotContain("<script>alert", "href=\"javascript")
                .contains("The server answers the address the datagram came from. &lt;script&gt;alert(");
        assertThat(html).containsSubsequence("<section class=\"summary\"", "<section class=\"unmatched\"",
                "answers/9-extra.md", "<section class=\"question\"");
        String udp = between(html, "<section class=\"question\" id=\"q1\">", "</section>");
        assertThat(udp).containsSubsequence("<span class=\"points earned\">2 / 2</span>", "class=\"question-text\"",
                "The server upper-cases <strong>every</strong> sentence.", "<h4>Steps</h4>",
                "<div class=\"answers both\">", "class=\"student-answer\"", "class=\"answer\"");
        String questionB = between(html, "<section class=\"question\" id=\"q3\">", "</section>");
        assertThat(questionB).contains("No answer written to the question as a whole.", "No answer written.",
                "0 / 1.5 points · skipped");
        String questionC = between(html, "<section class=\"question\" id=\"q4\">", "</section>");
        assertThat(questionC).contains("<span class=\"points ungradable\"");
        String summary = between(html, "<section class=\"summary\"", "</section>");
        assertThat(summary).contains("<th class=\"num\">Points</th>", ">5 / 10.5</span>", "ungradable");
        assertThat(between(html, "<header class=\"cover\">", "</header>")).contains(">5 / 10.5</span>");
    }

    @Test
    void aScenarioNotAsExpectedWorthNoPointsIsNotShownAsEarned() {
        LabReport tagged = CourseFixture.tagged();
        List<FeatureResult> features = tagged.features().stream().map(f -> f.file().equals("6-part2-line-server.feature")
                ? f.with(f.scenarios().stream().map(CourseFixture::tags).toList(), null) : f).toList();

        String html = new ReportRenderer(null).render(new Coursework(CourseFixture.settings(dir, true))
                .apply(tagged.graded(features, List.of())));

        String lineServer = between(html, "<section class=\"question\" id=\"q5\">", "</section>");
        assertThat(lineServer).contains("The line server prints what a client sends", "0 / 0")
                .contains("<span class=\"points lost\"").doesNotContain("points earned");
    }

    @Test
    void aReportWithoutPointsShowsNoScores() {
        String html = new ReportRenderer(null).render(Coursework.none().apply(ReportFixture.report()));

        assertThat(html).doesNotContain("<th class=\"num\">Points</th>", "class=\"points")
                .contains("No answer written");
    }

    @Test
    void settingsComeFromLabPropertiesAndTheSystemPropertiesWin() throws IOException {
        Path file = dir.resolve("lab.properties");
        Files.writeString(file, "lab.referenceAnswers=hide\nlab.grader=prairielearn\nlab.answers=" + dir + "\n");

        CourseSettings fromFile = CourseSettings.of(file, key -> null);
        assertThat(fromFile.referenceAnswers()).isFalse();
        assertThat(fromFile.grader()).isEqualTo(Grader.PRAIRIELEARN);
        assertThat(fromFile.answers()).isEqualTo(dir);
        CourseSettings overridden = CourseSettings.of(file,
                Map.of("lab.referenceAnswers", "show", "lab.grader", "gradescope")::get);
        assertThat(overridden.referenceAnswers()).isTrue();
        assertThat(overridden.grader()).isEqualTo(Grader.GRADESCOPE);
        CourseSettings defaults = CourseSettings.of(dir.resolve("absent.properties"), key -> null);
        assertThat(defaults).isEqualTo(CourseSettings.defaults());
    }

    @Test
    void aSettingThatCannotBeUsedIsAClearError() {
        Path none = dir.resolve("absent.properties");
        assertThatThrownBy(() -> CourseSettings.of(none, Map.of("lab.referenceAnswers", "hidden")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lab.referenceAnswers is \"hidden\": write show");
        assertThatThrownBy(() -> CourseSettings.of(none, Map.of("lab.grader", "moodle")::get))
                .hasMessage("lab.grader is \"moodle\": write gradescope or prairielearn, or leave it unset");
        assertThatThrownBy(() -> CourseSettings.of(none, Map.of("lab.answers", "no/such/dir")::get))
                .hasMessageStartingWith("lab.answers is \"no/such/dir\": no such directory");
    }

    @Test
    void pointsAreWholeNumbersOrHalvesAndAMalformedTagNamesItsFileAndLine() throws IOException {
        assertThat(PointsTags.of(List.of("@points=2"), "x")).isEqualTo(2);
        assertThat(PointsTags.of(List.of("@points=1", "@fast", "@points=0.5"), "x")).isEqualTo(0.5);
        assertThat(PointsTags.of(List.of("@linux"), "x")).isZero();
        assertThatThrownBy(() -> PointsTags.of(List.of("@points=1.25"), "3-a.feature, scenario at line 12"))
                .hasMessage("3-a.feature, scenario at line 12: the tag @points=1.25 is not a number of points: "
                        + "write a whole number or a half, e.g. @points=2 or @points=1.5");

        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("1-a.feature"), """
                @points=2
                Feature: A
                  Scenario: one
                    Given a line-printing server on port 2000
                    When a TCP client sends these lines to port 2000:
                      \"\"\"
                      @points=not-a-tag-here
                      \"\"\"

                  @points=two @linux
                  Scenario: two
                    Given no server on TCP port 12000
                """);
        assertThatThrownBy(() -> PointsTags.check(features)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(features.resolve("1-a.feature") + ":10: the tag @points=two is not a number of points: "
                        + "write a whole number or a half, e.g. @points=2 or @points=1.5");
    }

    @Test
    void theShippedFeaturesTagsAreWellFormed() {
        PointsTags.check(Path.of("features"));
    }

    @Test
    void thePluginWritesTheGradedReportAndTheGradersFilesOrSaysWhyNot() throws IOException {
        Path out = dir.resolve("lab-report");
        Path answers = CourseFixture.answers(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LabReportPlugin plugin = new LabReportPlugin(out.toFile());

        plugin.write(CourseFixture.tagged(), () -> new Coursework(CourseFixture.settings(answers, true)),
                () -> new ReportRenderer(null), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(ReportJson.read(out.resolve("results.json")).summary().score()).isEqualTo(5);
        assertThat(out.resolve("gradescope-results.json")).isNotEmptyFile();
        assertThat(out.resolve("prairielearn-results.json")).isNotEmptyFile();

        LabReport badTag = CourseFixture.tagged().graded(List.of(ReportFixture.feature("2-b.feature", "B", List.of(),
                List.of(CourseFixture.tags(ReportFixture.udpReply(), "@points=lots")))), List.of());
        plugin.write(badTag, () -> new Coursework(CourseFixture.settings(answers, true)),
                () -> new ReportRenderer(null), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ERROR socket-lab:", "@points=lots");
        assertThat(Files.readString(out.resolve(LabReportPlugin.FAILED_FILE)))
                .contains("2-b.feature, scenario at line 8: the tag @points=lots is not a number of points");
    }

    static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("where %s starts", from).isNotNegative();
        return text.substring(start, text.indexOf(to, start) + to.length());
    }
}
