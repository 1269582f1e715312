package org.socketlab.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.socketlab.programs.AtomicFile;

/**
 * Renders a {@link LabReport} to one self-contained HTML page with Freemarker.
 *
 * <p>Templates ({@code lab-report.ftlh} and the parts it imports) load from a directory first, then from the
 * copy in the jar, so an instructor overrides one part by putting a file of the same name in
 * {@code reports-template/} (or the directory named by {@code -Dlab.report.templates=DIR}). Output is
 * HTML-escaped: a captured header holding {@code <script>} shows as text.
 *
 * <p>Thread-safe once built.
 */
public final class ReportRenderer {
    /** The system property naming the template directory; default {@code reports-template} when it exists. */
    public static final String TEMPLATES_PROPERTY = "lab.report.templates";
    static final String DEFAULT_TEMPLATES = "reports-template";
    static final String MAIN_TEMPLATE = "lab-report.ftlh";
    static final String JSON_FILE = "results.json";
    static final String HTML_FILE = "index.html";

    private final Configuration configuration;

    /**
     * @param templates a directory whose templates take precedence over the jar's, or null for the jar's only
     * @throws UncheckedIOException when {@code templates} is given but is not a readable directory
     */
    public ReportRenderer(Path templates) {
        configuration = templateConfiguration(templates);
    }

    /**
     * The Freemarker setup of the report's pages: templates from {@code templates} first, then the jar's copy;
     * HTML auto-escaping; records read as {@code ${x.field}}; errors rethrown. Other pages rendered from the same
     * template directory (the class report) use it too, so an instructor overrides any of them the same way.
     *
     * @param templates a directory whose templates take precedence over the jar's, or null for the jar's only
     * @throws UncheckedIOException when {@code templates} is given but is not a readable directory
     */
    public static Configuration templateConfiguration(Path templates) {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setTemplateLoader(loader(templates));
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputEncoding("UTF-8");
        configuration.setLocale(Locale.ENGLISH);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        // "computer": 12000 not 12,000 (ports), and SVG coordinates without grouping.
        configuration.setNumberFormat("computer");
        configuration.setBooleanFormat("c");
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setAPIBuiltinEnabled(false);
        // With incompatible_improvements 2.3.34 the wrapper reads record components as ${x.field}.
        configuration.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        return configuration;
    }

    /** The renderer for {@code -Dlab.report.templates}, else {@code reports-template/} if it exists, else the jar's. */
    public static ReportRenderer fromSystemProperties() {
        return new ReportRenderer(templatesFromSystemProperties());
    }

    /** {@code -Dlab.report.templates}, else {@code reports-template/} if it exists, else null (the jar's only). */
    public static Path templatesFromSystemProperties() {
        String configured = System.getProperty(TEMPLATES_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path defaults = Path.of(DEFAULT_TEMPLATES);
        return Files.isDirectory(defaults) ? defaults : null;
    }

    private static TemplateLoader loader(Path templates) {
        List<TemplateLoader> loaders = new ArrayList<>();
        if (templates != null) {
            try {
                loaders.add(new FileTemplateLoader(templates.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("template directory " + templates + " cannot be read", e);
            }
        }
        loaders.add(new ClassTemplateLoader(ReportRenderer.class, "/" + DEFAULT_TEMPLATES));
        return new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new));
    }

    /** The page for a report. */
    public String render(LabReport report) {
        StringWriter html = new StringWriter(64 * 1024);
        render(report, html);
        return html.toString();
    }

    /** Writes the page for a report. */
    public void render(LabReport report, Writer out) {
        render(report, out, null);
    }

    /** Writes the page for a report that says why no PDF was printed from it ({@code pdfMissing}, or null). */
    public void render(LabReport report, Writer out, String pdfMissing) {
        ReportView view = ReportView.of(report);
        Format format = new Format(report.run() == null ? null : report.run().zone());
        try {
            configuration.getTemplate(MAIN_TEMPLATE).process(Map.of("report", report, "view", view, "fmt", format,
                    "print", PrintView.of(report, pdfMissing)), new IndentStrippingWriter(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the lab report", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("the lab report's template failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code results.json} and {@code index.html} into a directory, creating it; the JSON first, so a
     * template error still leaves the results. When either cannot be written, no earlier run's file is left to be
     * taken for this run's: {@code index.html} becomes a short page saying why (or is deleted when even that cannot
     * be written), and an old {@code results.json} is deleted when the new one could not replace it.
     *
     * @return the HTML file
     * @throws IOException when a file cannot be written, {@link UncheckedIOException} or
     *                     {@link IllegalStateException} when rendering fails (see {@link #render(LabReport)})
     */
    public Path write(LabReport report, Path dir) throws IOException {
        return write(report, dir, null);
    }

    /** As {@link #write(LabReport, Path)}, the page saying why no PDF was printed from it ({@code pdfMissing}). */
    public Path write(LabReport report, Path dir, String pdfMissing) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON_FILE);
        try {
            AtomicFile.write(json, ReportJson.write(report));
        } catch (IOException | RuntimeException e) {
            discardStale(json, e);
            failedPage(dir.resolve(HTML_FILE), "results.json could not be written", e);
            throw e;
        }
        return writeHtml(report, dir, pdfMissing);
    }

    /**
     * Writes only {@code index.html} into a directory, creating it: a report rendered again from its JSON, the page
     * saying why no PDF was printed from it ({@code pdfMissing}; null when none is missing). When rendering or
     * writing fails, {@code index.html} becomes a short page saying why, or is deleted.
     *
     * @return the HTML file
     * @throws IOException when the file cannot be written, {@link UncheckedIOException} or
     *                     {@link IllegalStateException} when rendering fails (see {@link #render(LabReport)})
     */
    public Path writeHtml(LabReport report, Path dir, String pdfMissing) throws IOException {
        Files.createDirectories(dir);
        Path html = dir.resolve(HTML_FILE);
        try {
            StringWriter page = new StringWriter(64 * 1024);
            render(report, page, pdfMissing);
            AtomicFile.write(html, page.toString());
        } catch (IOException | RuntimeException e) {
            failedPage(html, "the report could not be rendered", e);
            throw e;
        }
        return html;
    }

    /**
     * Replaces a page that would show an earlier run with one saying why there is none; deletes it when even that
     * fails. Problems doing so are added to {@code failure} as suppressed.
     */
    private static void failedPage(Path html, String what, Exception failure) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Lab report not written</title></head>\n<body><h1>Lab report not written</h1>\n<p>"
                + escape(what) + ":</p>\n<pre>" + escape(String.valueOf(failure)) + "</pre>\n"
                + "<p>It stands in for the report so that an earlier run's cannot be taken for this one's.</p>"
                + "</body></html>\n";
        try {
            AtomicFile.write(html, page);
        } catch (IOException | RuntimeException pageFailed) {
            failure.addSuppressed(pageFailed);
            discardStale(html, failure);
        }
    }

    private static void discardStale(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException deleteFailed) {
            failure.addSuppressed(deleteFailed);
        }
    }

    /** The page above cannot use the templates (they may be what failed), so it escapes by hand. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
