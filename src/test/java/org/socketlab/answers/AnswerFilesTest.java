package org.socketlab.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** answers/FEATURE.md: the question's answer before the first ## heading, a scenario's under its heading. */
class AnswerFilesTest {
    @TempDir
    Path dir;

    @Test
    void textBeforeTheFirstHeadingAnswersTheQuestionAndEachHeadingAScenario() {
        AnswerFile file = AnswerFiles.parse("3-question-a.md", "answers/3-question-a.md", """
                # Question (a)

                It gives an error: ConnectionRefusedError.

                ## The TCP client is refused at once
                No TCP connection can be set up:

                ```
                ## not a heading: inside a code block
                ```

                Another scenario's answer
                ---
                UDP needs no connection.
                ## Empty
                """);

        assertThat(file.overall()).isEqualTo("# Question (a)\n\nIt gives an error: ConnectionRefusedError.");
        assertThat(file.sections()).extracting(AnswerFile.Section::heading)
                .containsExactly("The TCP client is refused at once", "Another scenario's answer", "Empty");
        assertThat(file.sections()).extracting(AnswerFile.Section::line).containsExactly(5, 12, 15);
        assertThat(file.sections().get(0).markdown()).isEqualTo("No TCP connection can be set up:\n\n```\n"
                + "## not a heading: inside a code block\n```");
        assertThat(file.sections().get(1).markdown()).isEqualTo("UDP needs no connection.");
        assertThat(file.sections().get(2).markdown()).as("a heading with nothing under it").isNull();
        assertThat(file.featureFile()).isEqualTo("3-question-a.feature");
    }

    @Test
    void aFileWithoutHeadingsIsAllTheQuestionsAnswerAndABlankOneIsNone() {
        assertThat(AnswerFiles.parse("a.md", "answers/a.md", "Just one answer.\r\nOn two lines.\r\n").overall())
                .isEqualTo("Just one answer.\nOn two lines.");
        AnswerFile onlyHeadings = AnswerFiles.parse("a.md", "answers/a.md", "\n## A scenario\nIts answer.\n");
        assertThat(onlyHeadings.overall()).isNull();
        assertThat(onlyHeadings.sections()).hasSize(1);
    }

    @Test
    void aDirectoryGivesItsMarkdownFilesInOrderAndAMissingOneNone() throws IOException {
        Files.writeString(dir.resolve("2-b.md"), "B");
        Files.writeString(dir.resolve("1-a.md"), "A");
        Files.writeString(dir.resolve("notes.txt"), "not an answer");

        List<AnswerFile> files = AnswerFiles.read(dir, "answers");

        assertThat(files).extracting(AnswerFile::shown).containsExactly("answers/1-a.md", "answers/2-b.md");
        assertThat(AnswerFiles.read(dir.resolve("absent"), "absent")).isEmpty();
    }

    @Test
    void aByteOrderMarkBeforeTheFirstHeadingIsNotText() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "## The scenario\nIts answer.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(text, 0, file, bom.length, text.length);
        Files.write(dir.resolve("1-a.md"), file);

        AnswerFile answer = AnswerFiles.read(dir, "answers").get(0);

        assertThat(answer.overall()).as("nothing before the heading").isNull();
        assertThat(answer.sections()).singleElement().satisfies(section -> {
            assertThat(section.heading()).isEqualTo("The scenario");
            assertThat(section.markdown()).isEqualTo("Its answer.");
        });
    }

    @Test
    void aHeadingNamesItsScenarioAsAReaderWouldSeeIt() {
        String name = "The TCP client is refused at once, before it asks for a sentence";
        assertThat(Headings.matches(name, name)).isTrue();
        assertThat(Headings.matches("the tcp client is  refused at once, before it asks for a sentence:", name))
                .isTrue();
        assertThat(Headings.matches("The TCP client is refused", name)).as("a part is not the name").isFalse();
        String apostrophe = "Chromium and the origin's Cache-Control: no-cache";
        assertThat(Headings.matches("Chromium and the origin\u2019s Cache-Control: no-cache", apostrophe)).isTrue();
        assertThat(Headings.matches("Chromium and the origin's Cache-Control: <cache control>", apostrophe))
                .as("an outline's placeholder answers each example row").isTrue();
        assertThat(Headings.matches("Chromium and the origin's Cache-Control: <cache control>",
                "An HTTP caching library and the origin's Cache-Control: no-cache")).isFalse();
        assertThat(Headings.matches("Regex (.*) is text", "Regex anything is text")).isFalse();
    }
}
