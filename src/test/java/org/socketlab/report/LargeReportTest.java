package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A thousand scenarios render completely and stay a file a browser opens and a student can hand in. How long
 * it takes is the benchmark's business (bench.RenderBenchmark, BENCHMARKS.md), not a test's.
 */
class LargeReportTest {
    @Test
    void aThousandScenariosRenderCompletely() {
        LabReport report = ReportFixture.large(1_000);
        String html = new ReportRenderer(null).render(report);

        assertThat(count(html, "<article class=\"scenario ")).isEqualTo(1_000);
        // five of the fixture's seven kinds of scenario have something to draw
        long drawn = report.features().stream().flatMap(f -> f.scenarios().stream())
                .filter(s -> !s.observations().events().isEmpty() || !s.observations().packets().isEmpty()).count();
        assertThat(drawn).isEqualTo(714);
        assertThat(count(html, "<svg class=\"seq\"")).isEqualTo(drawn);
        assertThat(html).endsWith("</html>\n");
        assertThat(report.summary().totals().total()).isEqualTo(1_000);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        // Issue 13: a report of 1,000 scenarios stays under 5 MB, a file a student can hand in and a browser opens.
        assertThat(bytes).as("size of 1,000 scenarios in bytes").isBetween(1_000_000, 5_000_000);
    }

    private static long count(String text, String what) {
        long found = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            found++;
        }
        return found;
    }
}
