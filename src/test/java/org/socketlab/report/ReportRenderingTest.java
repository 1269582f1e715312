package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Renders the fixture with the templates the jar carries and reads the page as a grader would. */
class ReportRenderingTest {
    private static final String HTML = new ReportRenderer(null).render(ReportFixture.report());

    @Test
    void coverNamesTheStudentTheCourseAndTheMachine() {
        assertThat(HTML).contains("Asmaa Gamal Abdel-Halem Mabrouk Nagy", "15010473 - section 8",
                "Data Communications Networks", "Socket Programming", "Communication &amp; Electronics Department",
                "Debian GNU/Linux 12 (bookworm)", "6.1.0-28-amd64", "17.0.15+6-Debian", "lab-host",
                // the run's local time, in the zone it ran in
                "24 November 2026", "2026-11-24 09:56:44 +02:00");
    }

    @Test
    void coverListsTheProgramsThatRanWithEachFilesDigest() {
        String cover = between(HTML, "<header class=\"cover\">", "</header>");
        String programs = between(cover, "<table class=\"programs\">", "</table>");
        assertThat(programs).containsSubsequence("udp-server", "<code>python3 submission/udp_server.py {port}</code>",
                "<code>submission/udp_server.py</code>",
                // shortened on screen, whole in the title and for print
                "title=\"SHA-256 " + ReportFixture.SERVER_SHA256 + "\"",
                ReportFixture.SERVER_SHA256.substring(0, 12) + "…", ReportFixture.SERVER_SHA256,
                "udp-client", "python3 submission/udp_client.py {host} {port}", ReportFixture.CLIENT_SHA256,
                // socket-lab's own program: its command, no files
                "tcp-server", "<code>socket-lab tcp-server</code>", "—");
        assertThat(cover).contains("<dt>Isolation</dt><dd>each scenario on its own lab host (network namespace)</dd>")
                .doesNotContain("isolation-off", "class=\"warn\"");
    }

    @Test
    void aCoverWithoutIsolationSaysWhyAndHowToFixItProminently() {
        LabReport original = ReportFixture.report();
        LabReport report = new LabReport(original.schemaVersion(), original.run(), original.cover(),
                original.machine(), ReportFixture.notIsolated(), original.summary(), original.features());
        String cover = between(new ReportRenderer(null).render(report), "<header class=\"cover\">", "</header>");
        // above the student's name, escaped like everything else
        assertThat(cover).containsSubsequence("<div class=\"isolation-off\" role=\"note\">",
                "Scenarios were not isolated.", "unshare: Operation not permitted",
                "kernel.apparmor_restrict_unprivileged_userns=0 &lt;script&gt;", "</div>",
                "Asmaa Gamal Abdel-Halem Mabrouk Nagy",
                "<dt>Isolation</dt><dd class=\"warn\">none: every scenario on this machine&#39;s own network</dd>",
                "<table class=\"programs\">");
    }

    @Test
    void aReportWithoutSetupHasNoProgramsOrIsolationOnItsCover() {
        LabReport original = ReportFixture.report();
        LabReport report = new LabReport(original.schemaVersion(), original.run(), original.cover(),
                original.machine(), null, original.summary(), original.features());
        String cover = between(new ReportRenderer(null).render(report), "<header class=\"cover\">", "</header>");
        assertThat(cover).contains("Asmaa Gamal Abdel-Halem Mabrouk Nagy")
                .doesNotContain("class=\"programs\"", "Isolation", "isolation-off");
    }

    @Test
    void summaryListsTheQuestionsInTheAssignmentsOrderWithTheirVerdicts() {
        String summary = between(HTML, "<section class=\"summary\"", "</section>");
        assertThat(summary).containsSubsequence("1-part1-udp.feature", "3-question-a-tcp-client-first.feature",
                "4-question-b-udp-client-first.feature", "5-question-c-different-ports.feature",
                "6-part2-line-server.feature", "7-part2-conditional-get.feature");
        assertThat(rowOf(summary, "4-question-b")).contains("badge skipped");
        assertThat(rowOf(summary, "5-question-c")).contains("badge undefined");
        assertThat(rowOf(summary, "6-part2-line")).contains("badge not-as-expected");
        assertThat(rowOf(summary, "1-part1-udp")).contains("badge as-expected");
        assertThat(between(summary, "<tfoot>", "</tfoot>")).contains(">7<", "badge not-as-expected");
    }

    @Test
    void eachQuestionShowsItsTextThenItsScenarios() {
        assertThat(HTML).containsSubsequence("id=\"q1\"", "Install and compile the Python programs",
                "The UDP server upper-cases a sentence", "id=\"q2\"", "Suppose you run TCPClient before");
    }

    @Test
    void aScenarioShowsStepsCommandsConsolesChecksAndTheAnswer() {
        String udp = scenario("The UDP server upper-cases a sentence");
        assertThat(udp).containsSubsequence("st-passed", "<span class=\"kw\">Given</span> the UDP server runs on port "
                + "12000", "Commands run", "socket-lab udp-client --port 12000 --message &quot;asmaa gamal nagy&quot;",
                "ASMAA GAMAL NAGY", "Consoles");
        // client's terminal left of the server's, the command typed before what it printed
        assertThat(udp).containsSubsequence("</i> client</div>", "class=\"command\">socket-lab udp-client",
                "Input lowercase sentence:asmaa gamal nagy", "</i> server</div>", "The server is ready to receive");
        assertThat(udp).contains("<td class=\"mark\">✓</td>", "class=\"answer\"", "UDP needs no connection");
        assertThat(udp).doesNotContain("class=\"other\"");
    }

    @Test
    void theRefusedConnectionShowsTheExceptionThePacketsAndTheOsNote() {
        String refused = scenario("TCPClient before TCPServer");
        assertThat(refused).contains("java.net.ConnectException</span>: Connection refused", "0.10 ms",
                "Drawn from the packets captured", ">SYN<", ">RST, ACK<", "class=\"packets\"", "127.0.0.1:50170",
                "127.0.0.1:41234 (lab 12000)");
        assertThat(refused).containsSubsequence("class=\"answer\"", "class=\"other\"", "not observed in this run",
                "Windows retries the SYN");
    }

    @Test
    void theSequenceDiagramDrawsLostTimeoutAndIcmpDistinctly() {
        String waits = scenario("The UDP client waits");
        assertThat(waits).contains("<svg class=\"seq\"", "<g class=\"lost\">", "<g class=\"timeout box\">",
                "<g class=\"icmp\">", "waited 2 s: nothing came");
        assertThat(scenario("The line server prints")).contains("<g class=\"reset\">", "<g class=\"connect\">");
    }

    @Test
    void skippedAndUndefinedScenariosSayWhyAndWhatToFix() {
        assertThat(scenario("The capture shows the ICMP")).contains("badge skipped",
                "Skipped:</strong> tcpdump is not installed (apt-get install tcpdump)");
        assertThat(scenario("UDP: server on 4000")).contains("No step definition matches this step",
                "@When(&quot;the UDP server listens on port {int} and the client sends to {int}&quot;)",
                "PendingException");
    }

    @Test
    void aFailureIsShownInFull() {
        String failed = scenario("The line server prints what a client sends");
        assertThat(failed).contains("badge not-as-expected", "org.opentest4j.AssertionFailedError",
                "expected the server to print &quot;GET / HTTP/1.1&quot; within 2 s", "LineServerSteps.java:41",
                "<tr class=\"unmet\">", "✗");
    }

    @Test
    void part2ShowsTheLoadsSideBySideWithTheConditionalHeadersHighlighted() {
        String get = scenario("Chromium revalidates");
        assertThat(get).containsSubsequence("<div class=\"loads\">", "Load 1", "3 requests, 0 conditional",
                "status s2\">200", "Load 2", "2 requests, 2 conditional",
                "<tr class=\"cond\"><td class=\"h\">If-None-Match:</td>", "status s3\">304");
        assertThat(get).contains("<tr class=\"cond\"><td class=\"h\">If-Modified-Since:</td>",
                "<tr class=\"validator\"><td class=\"h\">ETag:</td>");
        // browser, proxy, origin: the consoles follow the traffic left to right
        assertThat(get).containsSubsequence("</i> browser</div>", "</i> proxy</div>", "</i> origin</div>");
    }

    @Test
    void thePageIsSelfContained() {
        assertThat(HTML).doesNotContain("<script", "<link", "src=", "@import", "url(", "@font-face");
        assertThat(HTML).contains("prefers-color-scheme: dark", "@media print", "break-before: page");
    }

    static String scenario(String name) {
        int start = HTML.lastIndexOf("<article", HTML.indexOf("<h3>" + name));
        assertThat(start).as("scenario %s", name).isNotNegative();
        return HTML.substring(start, HTML.indexOf("</article>", start));
    }

    private static String rowOf(String table, String file) {
        Matcher row = Pattern.compile("<tr>((?:(?!</tr>).)*" + Pattern.quote(file) + ".*?)</tr>", Pattern.DOTALL)
                .matcher(table);
        assertThat(row.find()).as("row of %s", file).isTrue();
        return row.group(1);
    }

    static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        return text.substring(start, text.indexOf(to, start) + to.length());
    }
}
