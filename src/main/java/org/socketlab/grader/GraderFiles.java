package org.socketlab.grader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.socketlab.programs.AtomicFile;

/**
 * Writes a run's results in graders' formats: {@value #GRADESCOPE_FILE} and {@value #PRAIRIELEARN_FILE} beside
 * the lab report's results.json, and, for a run that is a grader's autograder, that grader's own results file.
 */
public final class GraderFiles {
    public static final String GRADESCOPE_FILE = "gradescope-results.json";
    public static final String PRAIRIELEARN_FILE = "prairielearn-results.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private GraderFiles() {
    }

    /**
     * Writes both formats into {@code dir} and, when {@code grader} is not null, the grader's own file (its
     * directory created).
     *
     * @throws IOException when a file cannot be written, e.g. the grader's directory outside a grader's container
     */
    public static void write(GradedRun run, Path dir, Grader grader) throws IOException {
        byte[] gradescope = json(GradescopeResults.of(run));
        byte[] prairieLearn = json(PrairieLearnResults.of(run));
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve(GRADESCOPE_FILE), gradescope);
        AtomicFile.write(dir.resolve(PRAIRIELEARN_FILE), prairieLearn);
        if (grader != null) {
            writeFor(grader, grader.resultsFile(), gradescope, prairieLearn);
        }
    }

    /** Writes the grader's own file at {@code file}: a test points it into a temporary directory. */
    static void writeFor(Grader grader, Path file, byte[] gradescope, byte[] prairieLearn) throws IOException {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, grader == Grader.GRADESCOPE ? gradescope : prairieLearn);
        } catch (IOException e) {
            throw new IOException("lab.grader=" + grader.name().toLowerCase(Locale.ROOT) + " but " + file
                    + " cannot be written (is this the grader's container?): " + e, e);
        }
    }

    static byte[] json(Object results) {
        try {
            return MAPPER.writeValueAsBytes(results);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a grader's results as JSON", e);
        }
    }

}
