package org.socketlab.answers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Reads the student's answers: one markdown file per feature in a directory ({@code answers/} by default), named
 * like the feature file with {@code .md} for {@code .feature}. Text before the first level-2 heading answers the
 * question as a whole; each {@code ## heading} (or a heading underlined with {@code ---}) starts the answer to
 * the scenario it names. A {@code ##} inside a code block is text, not a heading.
 */
public final class AnswerFiles {
    static final String SUFFIX = ".md";
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private static final TextContentRenderer PLAIN = TextContentRenderer.builder().build();

    private AnswerFiles() {
    }

    /**
     * The {@code .md} files of a directory, sorted by name; none when it does not exist.
     *
     * @param dir   the directory
     * @param shown how the report names the directory, e.g. {@code answers}
     * @throws UncheckedIOException when it exists but a file cannot be read
     */
    public static List<AnswerFile> read(Path dir, String shown) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<AnswerFile> answers = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                    .sorted().toList()) {
                String name = file.getFileName().toString();
                answers.add(parse(name, shown + "/" + name, Files.readString(file, StandardCharsets.UTF_8)));
            }
            return answers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answers in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * One answer file's text split at its level-2 headings. A byte-order mark first (Windows editors write one) is
     * not text: left in, it would hide the first line's {@code ##} from the markdown parser.
     */
    public static AnswerFile parse(String name, String shown, String markdown) {
        if (markdown.startsWith(BYTE_ORDER_MARK)) {
            markdown = markdown.substring(BYTE_ORDER_MARK.length());
        }
        String[] lines = markdown.split("\\R", -1);
        List<AnswerFile.Section> sections = new ArrayList<>();
        int overallEnd = lines.length;
        String heading = null;
        int headingLine = 0;
        int bodyStart = 0;
        for (Node block = PARSER.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
            if (!(block instanceof Heading h) || h.getLevel() != 2 || h.getSourceSpans().isEmpty()) {
                continue;
            }
            List<SourceSpan> spans = h.getSourceSpans();
            int first = spans.get(0).getLineIndex();
            if (heading == null) {
                overallEnd = first;
            } else {
                sections.add(new AnswerFile.Section(heading, headingLine, text(lines, bodyStart, first)));
            }
            heading = PLAIN.render(h).strip();
            headingLine = first + 1;
            bodyStart = spans.get(spans.size() - 1).getLineIndex() + 1;
        }
        if (heading != null) {
            sections.add(new AnswerFile.Section(heading, headingLine, text(lines, bodyStart, lines.length)));
        }
        return new AnswerFile(name, shown, text(lines, 0, overallEnd), sections);
    }

    /** Lines {@code from} to {@code to} (exclusive) as one text, or null when they are blank. */
    private static String text(String[] lines, int from, int to) {
        String text = String.join("\n", List.of(lines).subList(Math.min(from, to), to)).strip();
        return text.isEmpty() ? null : text;
    }
}
