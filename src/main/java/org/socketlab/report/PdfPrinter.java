package org.socketlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.socketlab.http.Chromium;

/**
 * Writes the lab report a student hands in: {@code index.html} (and {@code results.json}), then
 * {@value #PDF_FILE} beside them, printed from that same page by headless Chromium through the page's print
 * stylesheet, so the PDF and the page never differ in content.
 *
 * <p>Where Chromium is missing, or printing fails, there is no PDF, and both the console and {@code index.html}
 * say why; a PDF left by an earlier run is deleted first, so it cannot be taken for this run's.
 */
public final class PdfPrinter {
    /** The printed report's file name, beside {@code index.html}. */
    public static final String PDF_FILE = "lab-report.pdf";
    /** The report of the shipped features prints in a few seconds; a thousand scenarios in well under a minute. */
    static final Duration PRINT_LIMIT = Duration.ofSeconds(120);

    private PdfPrinter() {
    }

    /**
     * Writes the report into {@code dir} and prints it to {@value #PDF_FILE} there. Says on {@code console}, one line
     * each, where the HTML is and where the PDF is, or why there is no PDF; a missing PDF does not throw.
     *
     * @param withJson whether to write {@code results.json} too (a test run), or only the page (a report rendered
     *                 again from its JSON)
     * @return the HTML file
     * @throws IOException when the HTML (or JSON) cannot be written; see {@link ReportRenderer#write}
     */
    public static Path write(ReportRenderer renderer, LabReport report, Path dir, boolean withJson,
            Consumer<String> console) throws IOException {
        Path pdf = dir.resolve(PDF_FILE);
        Files.createDirectories(dir);
        Files.deleteIfExists(pdf);
        Optional<Chromium> chromium = Chromium.find();
        String whyNot = chromium.isPresent() ? null : Chromium.whyMissing();
        Path html = withJson ? renderer.write(report, dir, whyNot) : renderer.writeHtml(report, dir, whyNot);
        console.accept("Lab report: " + html.toUri());
        if (chromium.isPresent()) {
            try (Chromium printer = chromium.get()) {
                printer.printToPdf(html.toUri(), pdf, PRINT_LIMIT);
            } catch (IOException | UncheckedIOException e) {
                whyNot = "printing failed: " + e.getMessage();
                Files.deleteIfExists(pdf);
                renderer.writeHtml(report, dir, whyNot); // the page says why, as the console does
            }
        }
        console.accept(whyNot == null ? "Lab report PDF: " + pdf.toUri()
                : "Lab report PDF not written: " + whyNot);
        return html;
    }
}
