package org.socketlab.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Instructors write features from the glossary alone, so every step definition must be in it. */
class StepGlossaryTest {
    private static final Path STEPS = Path.of("src/test/java/org/socketlab/steps");
    private static final Path GLOSSARY = Path.of("features/README.md");

    @Test
    void everyStepDefinitionIsInTheGlossary() throws Exception {
        String glossary = Files.readString(GLOSSARY);
        List<String> expressions = stepExpressions();

        assertThat(expressions).as("step definitions found").hasSizeGreaterThan(10);
        assertThat(expressions)
                .as("steps missing from %s (add a row with an example)", GLOSSARY)
                .allSatisfy(expression -> assertThat(glossary).contains("`" + expression + "`"));
    }

    private static List<String> stepExpressions() throws IOException, ClassNotFoundException {
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> files = Files.list(STEPS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                for (Method method : Class.forName("org.socketlab.steps." + name).getDeclaredMethods()) {
                    Arrays.stream(method.getAnnotationsByType(Given.class)).map(Given::value).forEach(expressions::add);
                    Arrays.stream(method.getAnnotationsByType(When.class)).map(When::value).forEach(expressions::add);
                    Arrays.stream(method.getAnnotationsByType(Then.class)).map(Then::value).forEach(expressions::add);
                }
            }
        }
        return expressions;
    }
}
