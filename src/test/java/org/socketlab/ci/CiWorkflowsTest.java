package org.socketlab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI workflows parse as YAML and hold what the README and INSTRUCTORS.md promise: the report uploaded even when
 * scenarios fail, the verdict table on the job's page, one grading job per submission, then the class report.
 * Nothing here runs on GitHub or GitLab; it reads the files they would read.
 */
class CiWorkflowsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void gitHubsLabReportWorkflowUploadsTheReportAlwaysAndShowsTheVerdicts() throws IOException {
        JsonNode steps = yaml(".github/workflows/lab-report.yml").at("/jobs/verify/steps");
        JsonNode upload = step(steps, "Upload the lab report");
        assertThat(upload.path("if").asText()).isEqualTo("always()");
        assertThat(upload.at("/with/path").asText()).isEqualTo("target/lab-report/");
        JsonNode summary = step(steps, "Show the verdicts on the job's page");
        assertThat(summary.path("if").asText()).isEqualTo("always()");
        assertThat(summary.path("run").asText()).contains(
                "java -jar target/socket-lab.jar summary target/lab-report/results.json >> \"$GITHUB_STEP_SUMMARY\"");
    }

    @Test
    void gitHubsGradingWorkflowRunsOneJobPerSubmissionThenTheClassReport() throws IOException {
        JsonNode jobs = yaml(".github/workflows/grade-submissions.yml").path("jobs");
        assertThat(jobs.at("/list/outputs/batches").asText()).isEqualTo("${{ steps.list.outputs.batches }}");

        JsonNode grade = jobs.path("grade");
        assertThat(grade.path("needs").asText()).isEqualTo("list");
        assertThat(grade.at("/strategy/matrix/batch").asText()).isEqualTo("${{ fromJSON(needs.list.outputs.batches) }}");
        assertThat(grade.at("/strategy/fail-fast").asBoolean(true)).isFalse();
        assertThat(step(grade.path("steps"), "Run the scenarios with the student's programs and answers")
                .path("run").asText()).contains("bash .ci/grade-submission.sh \"$FOLDER/$id\"",
                        "summary \"graded/$id/results.json\" >> \"$GITHUB_STEP_SUMMARY\"");
        JsonNode upload = step(grade.path("steps"), "Upload the lab reports");
        assertThat(upload.path("if").asText()).isEqualTo("always()");
        assertThat(upload.at("/with/path").asText()).isEqualTo("graded/");
        assertThat(upload.at("/with/name").asText()).as("not derived from a folder's name")
                .isEqualTo("lab-report-${{ strategy.job-index }}");

        JsonNode merge = jobs.path("class-report");
        assertThat(merge.path("needs").asText()).isEqualTo("grade");
        assertThat(merge.path("if").asText()).startsWith("always()");
        assertThat(step(merge.path("steps"), "Download every lab report").at("/with/pattern").asText())
                .isEqualTo("lab-report-*");
        assertThat(step(merge.path("steps"), "Merge them into the class report").path("run").asText())
                .contains("-jar target/socket-lab.jar class-report --out class-report class-report/students");
        assertThat(step(merge.path("steps"), "Upload the class report").at("/with/path").asText())
                .isEqualTo("class-report/");
    }

    @Test
    void gitHubsListOfSubmissionsGivesEachAJobUpToTheMatrixLimitOf256() throws Exception {
        String list = step(yaml(".github/workflows/grade-submissions.yml").at("/jobs/list/steps"),
                "List the submissions").path("run").asText();

        assertThat(batches(list, List.of("alice", "o'brien", "bob \"b\""))).isEqualTo(
                "[{\"ids\":[\"alice\"]},{\"ids\":[\"bob \\\"b\\\"\"]},{\"ids\":[\"o'brien\"]}]");
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            many.add(String.format("s%03d", i));
        }
        JsonNode jobs = new ObjectMapper().readTree(batches(list, many));
        assertThat(jobs).hasSize(256);
        assertThat(jobs.get(0).path("ids").toString()).isEqualTo("[\"s001\",\"s257\"]");
        assertThat(jobs.get(255).path("ids").toString()).isEqualTo("[\"s256\"]");
        assertThat(batches(list, List.of())).isEqualTo("[]");
    }

    /** Runs the list step's script as the runner would, on folders of these names; returns its batches output. */
    private String batches(String script, List<String> folders) throws Exception {
        Path root = Files.createTempDirectory(dir, "run");
        for (String folder : folders) {
            Files.createDirectories(root.resolve("submissions").resolve(folder));
        }
        Files.createDirectories(root.resolve("submissions"));
        Path output = root.resolve("output");
        Path summary = root.resolve("summary");
        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-c", script).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("log").toFile());
        bash.environment().putAll(Map.of("FOLDER", "submissions", "GITHUB_OUTPUT", output.toString(),
                "GITHUB_STEP_SUMMARY", summary.toString()));
        Process process = bash.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the list step finishes").isTrue();
        assertThat(process.exitValue()).as(Files.readString(root.resolve("log"))).isZero();
        assertThat(Files.readString(summary)).contains(folders.size() + " submissions in submissions/");
        String line = Files.readString(output).strip();
        assertThat(line).startsWith("batches=");
        return line.substring("batches=".length());
    }

    @Test
    void gitLabsVerifyJobPublishesTheReportAndTheScenariosJunitXml() throws IOException {
        JsonNode ci = yaml(".gitlab-ci.yml");
        JsonNode verify = ci.path("verify");
        assertThat(verify.path("script").toString()).contains("mvn -B verify");
        assertThat(verify.at("/artifacts/when").asText()).isEqualTo("always");
        assertThat(verify.at("/artifacts/paths/0").asText()).isEqualTo("target/lab-report/");
        // Failsafe writes one <testcase> per scenario into TEST-org.socketlab.LabScenariosIT.xml.
        assertThat(verify.at("/artifacts/reports/junit/0").asText()).isEqualTo("target/failsafe-reports/TEST-*.xml");
        assertThat(ci.at("/grade/trigger/include/0/artifact").asText()).isEqualTo("grading-pipeline.yml");
        assertThat(ci.at("/grade/trigger/strategy").asText()).isEqualTo("depend");
        assertThat(ci.at("/grading-pipeline/script/0").asText()).contains(".ci/gitlab-grading-pipeline.sh");
    }

    @Test
    void theGeneratedGitLabPipelineHasOneJobPerSubmissionThenTheClassReport() throws Exception {
        Path submissions = dir.resolve("submissions");
        for (String id : List.of("alice", "o'brien", "bob: \"x\"")) {
            Files.createDirectories(submissions.resolve(id));
        }
        Files.writeString(submissions.resolve("not-a-folder.txt"), "");

        JsonNode pipeline = gitLabPipeline(submissions, Map.of());

        assertThat(fieldNames(pipeline)).containsExactly("stages", "variables", "default", "grade alice",
                "grade bob: \"x\"", "grade o'brien", "class-report");
        JsonNode obrien = pipeline.path("grade o'brien");
        assertThat(obrien.at("/artifacts/when").asText()).isEqualTo("always");
        assertThat(obrien.at("/artifacts/paths/0").asText()).isEqualTo(submissions + "/o'brien/target/lab-report/");
        assertThat(obrien.at("/artifacts/reports/junit/0").asText())
                .isEqualTo(submissions + "/o'brien/target/failsafe-reports/TEST-*.xml");
        assertThat(argumentsOf(obrien.at("/script/0").asText())).isEqualTo(submissions + "/o'brien");
        assertThat(argumentsOf(pipeline.at("/grade bob: \"x\"/script/0").asText()))
                .isEqualTo(submissions + "/bob: \"x\"");
        assertThat(withoutAReport(obrien.at("/script/0").asText())).as("the batch goes on")
                .isEqualTo("no report for o'brien\n");
        assertThat(pipeline.at("/default/image").asText()).isEqualTo("debian:bookworm");
        assertThat(pipeline.at("/default/before_script").toString())
                .contains("chromium", "openjdk-17-jdk-headless", "maven", "tcpdump", "python3");
        JsonNode merge = pipeline.path("class-report");
        assertThat(merge.path("stage").asText()).isEqualTo("merge");
        assertThat(merge.path("when").asText()).isEqualTo("always");
        assertThat(merge.at("/script/1").asText()).contains("class-report --out class-report");
        // It merges the graded reports, not a results.json a student handed in with their folder.
        for (String id : List.of("alice", "o'brien")) {
            Files.createDirectories(submissions.resolve(id).resolve("target/lab-report"));
        }
        Files.createDirectories(submissions.resolve("alice/lab-report"));
        Path out = dir.resolve("merged");
        Process shell = new ProcessBuilder("bash", "-c", merge.at("/script/1").asText().replace(
                "java -XX:TieredStopAtLevel=1 -jar target/socket-lab.jar class-report --out class-report ",
                "printf '%s\\n' ")).redirectOutput(out.toFile()).start();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(out)).containsExactly(submissions + "/alice/target/lab-report",
                submissions + "/o'brien/target/lab-report");
    }

    @Test
    void beyondItsJobLimitTheGitLabPipelineDealsSubmissionsIntoJobs() throws Exception {
        Path submissions = dir.resolve("submissions");
        for (int i = 1; i <= 5; i++) {
            Files.createDirectories(submissions.resolve("s" + i));
        }

        JsonNode pipeline = gitLabPipeline(submissions, Map.of("GRADING_JOBS", "2"));

        assertThat(fieldNames(pipeline)).containsExactly("stages", "variables", "default", "grade s1 s3 s5",
                "grade s2 s4", "class-report");
        JsonNode first = pipeline.path("grade s1 s3 s5");
        assertThat(first.path("script")).hasSize(3);
        assertThat(argumentsOf(first.at("/script/2").asText())).isEqualTo(submissions + "/s5");
        assertThat(first.at("/artifacts/paths")).hasSize(3);
    }

    private JsonNode gitLabPipeline(Path submissions, Map<String, String> environment) throws Exception {
        Path generated = dir.resolve("grading-pipeline.yml");
        ProcessBuilder generator = new ProcessBuilder("bash", ".ci/gitlab-grading-pipeline.sh", submissions.toString())
                .redirectOutput(generated.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        generator.environment().putAll(environment);
        Process process = generator.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the generator finishes").isTrue();
        assertThat(process.exitValue()).isZero();
        return YAML.readTree(generated.toFile());
    }

    /** What a job's script line passes to grade-submission.sh, as the shell reads its quoting. */
    private String argumentsOf(String scriptLine) throws Exception {
        assertThat(scriptLine).startsWith("bash .ci/grade-submission.sh ");
        Path out = dir.resolve("argument");
        Process shell = new ProcessBuilder("bash", "-c", scriptLine.replace("bash .ci/grade-submission.sh ",
                "printf %s ")).redirectOutput(out.toFile()).start();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return Files.readString(out);
    }

    /** What a job's script line prints, and that it succeeds, when grade-submission.sh writes no report. */
    private String withoutAReport(String scriptLine) throws Exception {
        Path out = dir.resolve("no-report");
        Process shell = new ProcessBuilder("bash", "-c", scriptLine.replace("bash .ci/grade-submission.sh ",
                "false ")).redirectOutput(out.toFile()).start();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as("the line's exit status").isZero();
        return Files.readString(out);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode yaml(String file) throws IOException {
        return YAML.readTree(Path.of(file).toFile());
    }

    private static JsonNode step(JsonNode steps, String name) {
        for (JsonNode step : steps) {
            if (name.equals(step.path("name").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step named \"" + name + "\" in " + steps);
    }
}
