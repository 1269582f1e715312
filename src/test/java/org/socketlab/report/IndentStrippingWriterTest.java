package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The templates' indentation goes; a program's own spaces inside {@code <pre>} stay, however the text arrives. */
class IndentStrippingWriterTest {

    @Test
    void indentationAndEmptyLinesGoOutsidePreAndStayInside() throws IOException {
        String page = "<div>\n    <p>text  with  spaces</p>\n\n      \n  <pre class=\"trace\">Error\n\tat Main.main\n"
                + "    indented\n\n</pre>\n  <prefix>\n    <pre>  x</pre>\n";

        assertThat(stripped(page, 1)).isEqualTo(stripped(page, page.length()))
                .isEqualTo("<div>\n<p>text  with  spaces</p>\n<pre class=\"trace\">Error\n\tat Main.main\n"
                        + "    indented\n\n</pre>\n<prefix>\n<pre>  x</pre>\n");
    }

    /** Written in pieces of {@code size} characters: a tag split across two writes is still seen. */
    private static String stripped(String page, int size) throws IOException {
        StringWriter out = new StringWriter();
        try (IndentStrippingWriter writer = new IndentStrippingWriter(out)) {
            for (int at = 0; at < page.length(); at += size) {
                writer.write(page, at, Math.min(size, page.length() - at));
            }
        }
        return out.toString();
    }
}
