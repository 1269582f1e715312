package org.socketlab.report;

/**
 * What the templates need for the printed report, available to them as {@code print}.
 *
 * @param footer     the content of each printed page's footer, as CSS (page number, page count, the student's name
 *                   and id), safe to write into the stylesheet unescaped: every character that could end the string
 *                   or the {@code <style>} element is a CSS escape
 * @param pdfMissing why no {@value PdfPrinter#PDF_FILE} was written beside this page, or null when one was (or none
 *                   was asked for)
 */
public record PrintView(String footer, String pdfMissing) {

    static PrintView of(LabReport report, String pdfMissing) {
        Cover cover = report.cover();
        String who = cover.student() == null ? "(set lab.student in lab.properties)" : cover.student();
        String id = cover.studentId() == null ? "" : " · " + cover.studentId();
        return new PrintView("\"Page \" counter(page) \" of \" counter(pages) " + cssString(" · " + who + id),
                pdfMissing);
    }

    /**
     * A CSS string literal: quotes, backslashes, angle brackets, ampersands, control and non-ASCII characters as
     * hexadecimal escapes, so a name from {@code lab.properties} can neither end the string nor the stylesheet.
     */
    static String cssString(String text) {
        StringBuilder css = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
                css.append('\\').append(Integer.toHexString(c)).append(' ');
            } else {
                css.appendCodePoint(c);
            }
        });
        return css.append('"').toString();
    }
}
