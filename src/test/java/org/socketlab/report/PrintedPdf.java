package org.socketlab.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A printed lab report read back with Apache PDFBox: its pages' text, whitespace folded to single spaces (a title
 * wrapped over two lines still reads as one), and any page rendered to a PNG for a person to look at.
 */
public final class PrintedPdf {
    private static final float SCREENSHOT_DPI = 110;

    private final Path file;
    private final List<String> pages;

    private PrintedPdf(Path file, List<String> pages) {
        this.file = file;
        this.pages = pages;
    }

    public static PrintedPdf read(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new ArrayList<>();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(folded(stripper.getText(document)));
            }
            return new PrintedPdf(pdf, List.copyOf(pages));
        }
    }

    /** Runs of whitespace as one space. */
    public static String folded(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    public int pageCount() {
        return pages.size();
    }

    /** The text of a page, numbered from 1. */
    public String page(int number) {
        return pages.get(number - 1);
    }

    public String text() {
        return String.join(" ", pages);
    }

    /** The first page whose text holds {@code text}, numbered from 1; 0 when none does. */
    public int firstPageWith(String text) {
        String wanted = folded(text);
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).contains(wanted)) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The size, in points on paper, at which a page (from 1) prints the first run of text that holds {@code text};
     * 0 when none does. Chromium shrinks a whole page whose content is wider than the paper, so this tells whether
     * the print came out at the size the print stylesheet set.
     */
    public float printedSize(int page, String text) throws IOException {
        float[] size = {0};
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String run, List<TextPosition> glyphs) {
                if (size[0] == 0 && folded(run).contains(text) && !glyphs.isEmpty()) {
                    size[0] = glyphs.get(0).getXScale();
                }
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            stripper.getText(document);
        }
        return size[0];
    }

    /** Renders a page (from 1) to a PNG file. */
    public void screenshot(int page, Path png) throws IOException {
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page - 1, SCREENSHOT_DPI);
            ImageIO.write(image, "png", png.toFile());
        }
    }
}
