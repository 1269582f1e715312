package org.socketlab.answers;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a student's {@code ##} heading names a scenario. Students type headings by hand, so the match forgives
 * what a reader would not notice: letter case, runs of spaces, curly quotes and apostrophes, a trailing colon or
 * full stop. A Scenario Outline's placeholder such as {@code <cache control>} in the heading stands for any
 * value, so one heading can answer every example row of an outline.
 */
public final class Headings {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");

    private Headings() {
    }

    /** Whether {@code heading} names the scenario called {@code scenarioName}. */
    public static boolean matches(String heading, String scenarioName) {
        String name = normalize(scenarioName);
        String wanted = normalize(heading);
        if (wanted.equals(name)) {
            return true;
        }
        if (!PLACEHOLDER.matcher(wanted).find()) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        int last = 0;
        var placeholders = PLACEHOLDER.matcher(wanted);
        while (placeholders.find()) {
            regex.append(Pattern.quote(wanted.substring(last, placeholders.start()))).append(".+");
            last = placeholders.end();
        }
        regex.append(Pattern.quote(wanted.substring(last)));
        return Pattern.matches(regex.toString(), name);
    }

    static String normalize(String text) {
        String plain = text.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"')
                .replace('\u201D', '"').replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
        return plain.replaceAll("[:.]+$", "").strip();
    }
}
