package org.socketlab.answers;

import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A student's markdown as HTML that is safe to put into the report: raw HTML in the markdown is escaped, never
 * rendered; a link's URL other than http, https, mailto or a relative one (e.g. {@code javascript:}) is dropped;
 * links open nothing on their own ({@code rel="nofollow noopener noreferrer"}). Images become links to them,
 * because the report is one self-contained page that fetches nothing.
 *
 * <p>Thread-safe: commonmark's parser and renderer are.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().postProcessor(Markdown::imagesAsLinks).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .build();

    private Markdown() {
    }

    /** The markdown as an HTML fragment; empty for null or blank text. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** Replaces each image by a link to it, labelled with its alt text (or its URL when it has none). */
    private static Node imagesAsLinks(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                Link link = new Link(image.getDestination(), image.getTitle());
                Node child = image.getFirstChild();
                if (child == null) {
                    link.appendChild(new Text("image: " + image.getDestination()));
                }
                while (child != null) {
                    Node next = child.getNext();
                    link.appendChild(child);
                    child = next;
                }
                image.insertAfter(link);
                image.unlink();
            }
        });
        return document;
    }
}
