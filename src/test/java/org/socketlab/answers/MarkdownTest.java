package org.socketlab.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A student's markdown is untrusted: it renders as markdown, never as HTML or script. */
class MarkdownTest {
    @Test
    void markdownRendersAsHtml() {
        assertThat(Markdown.toHtml("UDP sets up **no** connection:\n\n- `sendto()` just sends\n- see [RFC 768]"
                + "(https://www.rfc-editor.org/rfc/rfc768)"))
                .contains("<strong>no</strong>", "<li><code>sendto()</code> just sends</li>",
                        "<a rel=\"nofollow noopener noreferrer\" href=\"https://www.rfc-editor.org/rfc/rfc768\">"
                                + "RFC 768</a>");
    }

    @Test
    void rawHtmlIsEscapedNeverRendered() {
        String html = Markdown.toHtml("Refused.\n\n<script>alert('owned')</script>\n\nInline <img src=x onerror=alert(1)> too");

        assertThat(html).doesNotContain("<script", "<img").contains("&lt;script&gt;alert('owned')&lt;/script&gt;",
                "&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void javascriptAndDataLinksLoseTheirUrl() {
        String html = Markdown.toHtml("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
                + "<javascript:alert(2)> [JaVaScRiPt](JAVASCRIPT:alert(3))");

        // The text of an autolink stays as text; no href keeps a scheme that runs or carries a page.
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("href=\"javascript", "href=\"data");
        assertThat(html).contains("href=\"\">click</a>", "href=\"\">data</a>", "href=\"\">JaVaScRiPt</a>");
    }

    @Test
    void imagesBecomeLinksSoThePageFetchesNothing() {
        String html = Markdown.toHtml("![my terminal](https://example.org/shot.png) and ![](shot2.png)");

        assertThat(html).doesNotContain("<img").contains("href=\"https://example.org/shot.png\"", ">my terminal</a>",
                "href=\"shot2.png\"", ">image: shot2.png</a>");
    }

    @Test
    void nothingWrittenIsEmpty() {
        assertThat(Markdown.toHtml(null)).isEmpty();
        assertThat(Markdown.toHtml("  \n")).isEmpty();
    }
}
