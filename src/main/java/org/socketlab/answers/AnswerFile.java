package org.socketlab.answers;

import java.util.List;

/**
 * One file of {@code answers/}: the student's answers to one feature (question).
 *
 * @param name     the file's name, e.g. {@code 3-question-a-tcp-client-first.md}
 * @param shown    how the report names it, e.g. {@code answers/3-question-a-tcp-client-first.md}
 * @param overall  the markdown before the first {@code ##} heading: the answer to the question as a whole;
 *                 null when there is none (blank)
 * @param sections each {@code ##} heading with the markdown under it, in the file's order
 */
public record AnswerFile(String name, String shown, String overall, List<Section> sections) {
    public AnswerFile {
        sections = List.copyOf(sections);
    }

    /** The feature file this answers: the name with {@code .md} replaced by {@code .feature}. */
    public String featureFile() {
        return name.substring(0, name.length() - AnswerFiles.SUFFIX.length()) + ".feature";
    }

    /**
     * One {@code ##} heading and what follows it up to the next one.
     *
     * @param heading  the heading's text, without the markup
     * @param line     its line in the file, from 1
     * @param markdown the markdown under it; null when blank
     */
    public record Section(String heading, int line, String markdown) {
    }
}
