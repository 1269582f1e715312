package org.socketlab.course;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.socketlab.programs.AtomicFile;
import org.socketlab.report.ReportRenderer;

/**
 * The class report: many students' {@code results.json} merged into {@code index.html} (one offline page: a
 * students × scenarios matrix with scores, the pass rate per scenario, the most common reasons scenarios did not
 * pass, and the input that could not be used) and {@code grades.csv}. Bad input never stops it: it is listed on the
 * page. The page's template is {@code class-report.ftlh}, loaded like the lab report's (a file of the same name in
 * the template directory overrides the jar's).
 *
 * <p>Thread-safe once built.
 */
public final class ClassReports {
    /** How many of the most common reasons the page lists. */
    public static final int FAILURE_GROUPS = 40;
    static final String TEMPLATE = "class-report.ftlh";
    static final String HTML_FILE = "index.html";
    static final String CSV_FILE = "grades.csv";

    private final Configuration templates;
    private final Clock clock;

    /**
     * @param templates a directory whose templates take precedence over the jar's, or null for the jar's only
     * @param clock     the time the report says it was made
     * @throws UncheckedIOException when {@code templates} is given but is not a readable directory
     */
    public ClassReports(Path templates, Clock clock) {
        this.templates = ReportRenderer.templateConfiguration(templates);
        this.clock = clock;
    }

    /** What was written, and the model it was written from. */
    public record Written(ClassReport report, Path html, Path csv) {
    }

    /**
     * Reads the students' reports (the files given, and every {@code results.json} below the directories given),
     * and writes {@code index.html} and {@code grades.csv} into {@code out}, creating it.
     *
     * @throws IOException when a file cannot be written; {@link IllegalStateException} when the template fails
     */
    public Written write(List<Path> inputs, Path out) throws IOException {
        ClassReport report = read(inputs, out);
        Files.createDirectories(out);
        Path csv = out.resolve(CSV_FILE);
        AtomicFile.write(csv, Gradebook.csv(report));
        Path html = out.resolve(HTML_FILE);
        AtomicFile.write(html, render(report));
        return new Written(report, html, csv);
    }

    /** The class report's model, with links to the students' own reports relative to {@code out}. */
    public ClassReport read(List<Path> inputs, Path out) {
        return new ClassReportBuilder(out, FAILURE_GROUPS).build(Submissions.load(inputs), clock.instant());
    }

    /** The page. */
    public String render(ClassReport report) {
        StringWriter html = new StringWriter(256 * 1024);
        try {
            templates.getTemplate(TEMPLATE).process(Map.of("report", report), html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the class report", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("the class report's template failed: " + e.getMessage(), e);
        }
        return html.toString();
    }

    /** The gradebook. */
    public static String csv(ClassReport report) {
        return Gradebook.csv(report);
    }

}
