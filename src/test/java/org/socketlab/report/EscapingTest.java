package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Captured bytes are untrusted: a browser's header or a client's line holding {@code <script>} must show as
 * text, in the consoles, the headers, the checks, the doc strings and the failure messages alike.
 */
class EscapingTest {
    private static final String HTML = new ReportRenderer(null).render(ReportFixture.report());
    private static final String ESCAPED = "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;";

    @Test
    void noCapturedScriptSurvivesAsMarkup() {
        assertThat(HTML).doesNotContain("<script", "</script>");
    }

    @Test
    void theScriptShowsAsTextWhereverItWasCaptured() {
        assertThat(ReportRenderingTest.scenario("Chromium revalidates"))
                .contains("<td class=\"h\">X-Evil:</td><td>" + ESCAPED + "</td>");
        String lineServer = ReportRenderingTest.scenario("The line server prints");
        assertThat(lineServer).contains("<span class=\"out\">[127.0.0.1:50200] " + ESCAPED + "</span>",
                "X-Test: " + ESCAPED,
                "<td class=\"observed\"><span class=\"clamp\">[127.0.0.1:50200] " + ESCAPED + "</span></td>");
        assertThat(lineServer).containsPattern("but it printed:\\s+\\[127\\.0\\.0\\.1:50200\\] "
                + java.util.regex.Pattern.quote(ESCAPED));
    }
}
