package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF's page count is checked only after an unfiltered run of every feature file shipped. */
class ShippedReportPdfTest {
    @TempDir
    Path features;

    @Test
    void onlyAnUnfilteredRunOfEveryFeatureFileIsTheShippedRun() throws Exception {
        Files.writeString(features.resolve("1-a.feature"), "Feature: a");
        Files.createDirectories(features.resolve("part2"));
        Files.writeString(features.resolve("part2/2-b.feature"), "Feature: b");
        List<String> all = List.of("2-b.feature", "1-a.feature");

        assertThat(ShippedReportPdf.whyNotTheShippedRun(all, features, key -> null)).isNull();
        assertThat(ShippedReportPdf.whyNotTheShippedRun(all, features,
                Map.of("cucumber.filter.tags", "@points=1")::get)).startsWith("a filtered run (cucumber.filter.tags");
        assertThat(ShippedReportPdf.whyNotTheShippedRun(all, features,
                Map.of("cucumber.filter.name", "TCP")::get)).startsWith("a filtered run");
        assertThat(ShippedReportPdf.whyNotTheShippedRun(List.of("1-a.feature"), features, key -> null))
                .contains("are not those in");
        assertThat(ShippedReportPdf.whyNotTheShippedRun(List.of(), features, key -> null))
                .as("an empty run").isNotNull();
        assertThat(ShippedReportPdf.whyNotTheShippedRun(all, features.resolve("none"), key -> null)).isNotNull();
    }
}
