package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.socketlab.http.Chromium;

/**
 * Checks the PDF that the report plugin printed at the end of a real run of the shipped features (LabScenariosIT
 * calls it after the suite, when the report is written): a student can hand it in. Reads the run's own
 * {@code results.json} for what must be in it.
 */
public final class ShippedReportPdf {
    /** What issue 13 allows for the shipped features. */
    public static final int MOST_PAGES = 30;
    /** The smallest size of the report's running text on paper (print.ftlh: 8 pt at 80 %). */
    static final float MIN_TEXT_POINTS = 6f;
    /** Cucumber's settings that run part of the features: the page count is only promised for all of them. */
    static final List<String> FILTERS = List.of("cucumber.filter.tags", "cucumber.filter.name", "cucumber.features");

    private ShippedReportPdf() {
    }

    /**
     * At most {@value #MOST_PAGES} pages; each question's title and the student's name in its text; every page's
     * footer numbered and naming the student. Leaves {@code pdf-first-page.png} and {@code pdf-part2-first-page.png}
     * beside it. Where Chromium is missing, checks instead that the page says why there is no PDF.
     */
    public static void check(Path dir) throws IOException {
        LabReport report = ReportJson.read(dir.resolve(ReportRenderer.JSON_FILE));
        String notShipped = whyNotTheShippedRun(report.features().stream().map(FeatureResult::file).toList(),
                Path.of("features"), System::getProperty);
        if (notShipped != null) {
            System.out.println("Lab report PDF: not checked against " + MOST_PAGES + " pages: " + notShipped);
            return;
        }
        Path pdf = dir.resolve(PdfPrinter.PDF_FILE);
        if (Chromium.find().isEmpty()) {
            assertThat(pdf).doesNotExist();
            assertThat(Files.readString(dir.resolve(ReportRenderer.HTML_FILE)))
                    .contains("No lab-report.pdf was written");
            return;
        }
        assertThat(pdf).as("the PDF printed from this run's report").isNotEmptyFile();
        PrintedPdf printed = PrintedPdf.read(pdf);
        String student = report.cover().student() == null ? "(set lab.student in lab.properties)"
                : report.cover().student();

        assertThat(printed.pageCount()).as("A4 pages of the printed report").isBetween(1, MOST_PAGES);
        assertThat(printed.page(1)).contains(PrintedPdf.folded(student));
        for (int page = 1; page <= printed.pageCount(); page++) {
            assertThat(printed.page(page)).as("footer of page %d", page)
                    .contains("Page " + page + " of " + printed.pageCount() + " · " + PrintedPdf.folded(student));
        }
        // Legible, and not shrunk: content wider than the paper would make Chromium scale every page down.
        StepResult firstStep = report.features().stream().flatMap(feature -> feature.scenarios().stream())
                .flatMap(scenario -> scenario.steps().stream()).findFirst()
                .orElseThrow(() -> new AssertionError("the shipped features' report has no step"));
        String step = firstStep.keyword() + " " + firstStep.text();
        int stepPage = printed.firstPageWith(step);
        assertThat(printed.printedSize(stepPage, step)).as("size in pt of the step \"%s\" on paper", step)
                .isGreaterThanOrEqualTo(MIN_TEXT_POINTS);
        int part2 = 0;
        for (int i = 0; i < report.features().size(); i++) {
            FeatureResult feature = report.features().get(i);
            String heading = (i + 1) + ". " + feature.name();
            int page = printed.firstPageWith(heading);
            assertThat(page).as("the page where question %s starts", heading).isPositive();
            if (part2 == 0 && feature.file().contains("part2")) {
                part2 = page;
            }
        }
        printed.screenshot(1, dir.resolve("pdf-first-page.png"));
        if (part2 > 0) {
            printed.screenshot(part2, dir.resolve("pdf-part2-first-page.png"));
        }
        System.out.println("Lab report PDF: " + printed.pageCount() + " pages; first page and Part 2's first page in "
                + dir.resolve("pdf-first-page.png") + " and pdf-part2-first-page.png");
    }

    /**
     * Why a run is not the unfiltered run of the shipped features that issue 13's page count is about (a tag or
     * name filter, a feature file of {@code featuresDir} that did not run, one that is not there, no scenario), or
     * null when it is.
     */
    static String whyNotTheShippedRun(List<String> ran, Path featuresDir, UnaryOperator<String> properties)
            throws IOException {
        for (String filter : FILTERS) {
            String value = properties.apply(filter);
            if (value != null && !value.isBlank()) {
                return "a filtered run (" + filter + "=" + value + ")";
            }
        }
        Set<String> shipped = new TreeSet<>();
        if (Files.isDirectory(featuresDir)) {
            try (Stream<Path> files = Files.walk(featuresDir)) {
                files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".feature"))
                        .forEach(shipped::add);
            }
        }
        Set<String> ranFiles = new TreeSet<>(ran);
        if (ranFiles.isEmpty() || !ranFiles.equals(shipped)) {
            return "the features that ran (" + ranFiles + ") are not those in " + featuresDir + " (" + shipped + ")";
        }
        return null;
    }
}
