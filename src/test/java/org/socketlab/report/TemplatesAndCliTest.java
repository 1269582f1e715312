package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.cli.SocketLab;
import org.socketlab.cli.StdTerminal;

/** An instructor overrides one template by name; {@code socket-lab report} re-renders from results.json alone. */
class TemplatesAndCliTest {
    @TempDir
    Path dir;

    @Test
    void oneOverriddenTemplateReplacesOnlyItsPart() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("summary.ftlh"), """
                <#macro summary report view><section class="summary" id="summary">Graded by hand:
                ${report.cover.student} (${view.questions?size} questions) ${"<b>"}</section></#macro>
                """);
        String html = new ReportRenderer(templates).render(ReportFixture.report());
        assertThat(html).contains("Graded by hand:\nAsmaa Gamal Abdel-Halem Mabrouk Nagy (6 questions) &lt;b&gt;")
                .doesNotContain("All questions")
                // the other parts still come from the jar
                .contains("<header class=\"cover\">", "<svg class=\"seq\"");
    }

    @Test
    void theReportCommandRendersIndexHtmlFromResultsJsonAlone() throws IOException {
        Path written = new ReportRenderer(null).write(ReportFixture.report(), dir.resolve("run"));
        String original = Files.readString(written);
        Path out = dir.resolve("again");

        Map.Entry<Integer, String> result = socketLab("report", dir.resolve("run/results.json").toString(), "--out",
                out.toString());

        assertThat(result.getKey()).isZero();
        assertThat(result.getValue()).contains(out.resolve("index.html").toUri().toString());
        if (org.socketlab.http.Chromium.find().isPresent()) {
            // The same page as the run's, and the PDF printed from it.
            assertThat(out.resolve("index.html")).hasContent(original);
            assertThat(result.getValue()).contains("Lab report PDF: " + out.resolve(PdfPrinter.PDF_FILE).toUri());
            assertThat(Files.readAllBytes(out.resolve(PdfPrinter.PDF_FILE))).startsWith('%', 'P', 'D', 'F');
        } else {
            assertThat(result.getValue()).contains("Lab report PDF not written: ");
            assertThat(out.resolve("index.html")).content().contains("No lab-report.pdf was written");
        }
        assertThat(original).contains("python3 submission/udp_server.py {port}", ReportFixture.SERVER_SHA256);
        assertThat(out.resolve("results.json")).doesNotExist();
    }

    @Test
    void theReportCommandSaysWhatIsWrongWithItsInput() {
        Map.Entry<Integer, String> result = socketLab("report", dir.resolve("missing.json").toString());
        assertThat(result.getKey()).isEqualTo(1);
        assertThat(result.getValue()).contains("error: cannot read", "missing.json");
    }

    private static Map.Entry<Integer, String> socketLab(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        int exit = SocketLab.commandLine(new StdTerminal(new ByteArrayInputStream(new byte[0]), print, print))
                .execute(args);
        return Map.entry(exit, output.toString(StandardCharsets.UTF_8));
    }
}
