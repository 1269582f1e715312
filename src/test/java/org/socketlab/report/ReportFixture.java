package org.socketlab.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socketlab.model.Check;
import org.socketlab.model.ConsoleLine;
import org.socketlab.model.Event;
import org.socketlab.model.FileDigest;
import org.socketlab.model.Header;
import org.socketlab.model.HttpExchange;
import org.socketlab.model.LabSetup;
import org.socketlab.model.Packet;
import org.socketlab.model.PortMapping;
import org.socketlab.model.ProgramInfo;
import org.socketlab.model.ProgramRun;
import org.socketlab.model.ScenarioObservations;

/**
 * A lab report as a real run would produce it: the UDP reply, the refused TCP connection (with packets), the
 * UDP client waiting, a skipped scenario, an undefined step, a failed one, and Part 2's two page loads. Values
 * follow /work/shared/FACTS.md.
 */
public final class ReportFixture {
    static final Instant STARTED = Instant.parse("2026-11-24T07:56:44.120Z");
    static final String SCRIPT = "<script>alert('owned')</script>";
    static final String SERVER_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String CLIENT_SHA256 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private ReportFixture() {
    }

    public static LabReport report() {
        return LabReport.of(run(), cover(), machine(), setup(), List.of(
                // deliberately out of order: the report sorts by file name
                feature("3-question-a-tcp-client-first.feature", "Question (a): TCPClient before TCPServer",
                        List.of("a. Suppose you run TCPClient before you run TCPServer. What happens? Why?"),
                        List.of(refusedTcp())),
                feature("1-part1-udp.feature", "Part 1: the UDP client and server",
                        List.of("1. Install and compile the Python programs, then run the UDP server and the UDP "
                                + "client."), List.of(udpReply())),
                feature("4-question-b-udp-client-first.feature", "Question (b): UDPClient before UDPServer",
                        List.of("b. Suppose you run UDPClient before you run UDPServer. What happens? Why?"),
                        List.of(udpWaits(), skipped())),
                feature("5-question-c-different-ports.feature", "Question (c): different port numbers",
                        List.of("c. What happens if you use different port numbers for the client and server "
                                + "sides?"), List.of(undefined())),
                feature("6-part2-line-server.feature", "Part 2: a server that prints lines",
                        List.of("1. Write a simple TCP program for a server that accepts lines of input from a "
                                + "client and prints the lines onto the server's standard output."),
                        List.of(lineServerFails())),
                feature("7-part2-conditional-get.feature", "Part 2: does the browser send conditional GETs?",
                        List.of("3. Use this platform to determine whether your browser generates conditional "
                                + "GET messages for objects that are locally cached."), List.of(conditionalGet()))));
    }

    static RunInfo run() {
        return new RunInfo(STARTED, STARTED.plusMillis(12_345), Duration.ofMillis(12_345), "Africa/Cairo");
    }

    static Cover cover() {
        return new Cover("Data Communications Networks", "Socket Programming",
                "Asmaa Gamal Abdel-Halem Mabrouk Nagy", "15010473 - section 8",
                "Prof. Dr. Noha ElKorany, Prof. Dr. Karim Banawan", "Communication & Electronics Department");
    }

    /** Isolated; the student's UDP server and client (Python), socket-lab's own for the other roles. */
    static LabSetup setup() {
        return new LabSetup("each scenario on its own lab host (network namespace)", null, List.of(
                new ProgramInfo("udp-server", "python3 submission/udp_server.py {port}",
                        List.of(new FileDigest("submission/udp_server.py", SERVER_SHA256))),
                new ProgramInfo("udp-client", "python3 submission/udp_client.py {host} {port}",
                        List.of(new FileDigest("submission/udp_client.py", CLIENT_SHA256))),
                new ProgramInfo("tcp-server", "socket-lab tcp-server", List.of()),
                new ProgramInfo("tcp-client", "socket-lab tcp-client", List.of())));
    }

    /** The same programs on a machine where no lab host could be made. */
    static LabSetup notIsolated() {
        return setup().withIsolation("none: every scenario on this machine's own network",
                "This machine refused a new user namespace (unshare: Operation not permitted), so the scenarios "
                        + "shared one loopback: run as root, or sudo sysctl -w "
                        + "kernel.apparmor_restrict_unprivileged_userns=0 <script>");
    }

    static Machine machine() {
        return new Machine("Linux", "6.1.0-28-amd64", "Debian GNU/Linux 12 (bookworm)", "amd64", "17.0.15+6-Debian",
                "Debian", "lab-host", 2);
    }

    static FeatureResult feature(String file, String name, List<String> question, List<ScenarioResult> scenarios) {
        return new FeatureResult("file:///work/socket-lab/features/" + file, file, "Feature", name, question,
                scenarios);
    }

    static StepResult passed(String keyword, String text, int line) {
        return new StepResult(keyword, text, line, null, null, "PASSED", Duration.ofMillis(3), null, null, null,
                List.of());
    }

    static ScenarioResult scenario(String name, int line, String status, String reason, List<StepResult> steps,
            List<String> answer, List<String> otherSystems, ScenarioObservations observations) {
        return new ScenarioResult("id-" + name.hashCode(), "Scenario", name, line, null, List.of(), answer,
                otherSystems, status, Verdict.ofStatus(status), reason, STARTED.plusMillis(line),
                Duration.ofMillis(40 + line), steps, observations);
    }

    static ScenarioObservations observations(Map<String, List<ConsoleLine>> consoles, List<ProgramRun> runs,
            List<Event> events, List<Check> checks, List<HttpExchange> http, List<Packet> packets,
            List<String> notes) {
        return new ScenarioObservations(List.of(new PortMapping(12000, 41234)), consoles, runs, events, checks, http,
                packets, notes);
    }

    static List<ConsoleLine> lines(long at, String... texts) {
        List<ConsoleLine> lines = new ArrayList<>();
        for (String text : texts) {
            lines.add(new ConsoleLine(at++, text.startsWith("error:") ? ConsoleLine.ERR : ConsoleLine.OUT, text));
        }
        return lines;
    }

    static Map<String, List<ConsoleLine>> consoles(Object... roleAndLines) {
        Map<String, List<ConsoleLine>> consoles = new LinkedHashMap<>();
        for (int i = 0; i < roleAndLines.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<ConsoleLine> lines = (List<ConsoleLine>) roleAndLines[i + 1];
            consoles.put((String) roleAndLines[i], lines);
        }
        return consoles;
    }

    static ScenarioResult udpReply() {
        return scenario("The UDP server upper-cases a sentence", 8, "PASSED", null,
                List.of(passed("Given", "the UDP server runs on port 12000", 9),
                        passed("When", "the UDP client sends \"asmaa gamal nagy\" to port 12000", 10),
                        passed("Then", "the client prints \"ASMAA GAMAL NAGY\"", 11)),
                List.of("UDP needs no connection: the client's datagram reaches the bound server, which sends the "
                        + "upper-cased sentence back to the address the datagram came from."),
                List.of(),
                observations(consoles("server", lines(1, "The server is ready to receive"),
                                "client", lines(5, "Input lowercase sentence:asmaa gamal nagy", "ASMAA GAMAL NAGY")),
                        List.of(new ProgramRun("server", "socket-lab udp-server --port 12000", "started", null, null,
                                        null, null, 0, 310),
                                new ProgramRun("client", "socket-lab udp-client --port 12000 --message \"asmaa gamal "
                                        + "nagy\"", "reply", "ASMAA GAMAL NAGY", null, null, null, 4, 412)),
                        List.of(new Event(1, "server", "server", Event.Kind.NOTE, "bound to UDP 12000"),
                                new Event(5, "client", "server", Event.Kind.DATA, "\"asmaa gamal nagy\" (16 bytes)"),
                                new Event(6, "server", "client", Event.Kind.REPLY, "\"ASMAA GAMAL NAGY\" (16 bytes)")),
                        List.of(new Check("the client prints \"ASMAA GAMAL NAGY\"", "ASMAA GAMAL NAGY", true)),
                        List.of(), List.of(), List.of()));
    }

    static ScenarioResult refusedTcp() {
        return scenario("TCPClient before TCPServer: the connection is refused", 12, "PASSED", null,
                List.of(passed("Given", "nothing listens on TCP port 12000", 13),
                        passed("When", "the TCP client connects to port 12000", 14),
                        passed("Then", "the client fails with \"connection refused\" before the prompt", 15)),
                List.of("The client's SYN reaches a port where nothing listens, and the kernel answers with a RST: "
                        + "connect() fails at once with ECONNREFUSED, before the prompt, because TCP sets up a "
                        + "connection before any data."),
                List.of("Windows retries the SYN for about 2 s even on loopback, then reports WinError 10061; the "
                        + "JDK works around it for loopback."),
                observations(consoles("client", lines(2,
                                "error: connection refused: nothing listens on 127.0.0.1:12000")),
                        List.of(new ProgramRun("client", "socket-lab tcp-client --port 12000 --message \"asmaa\"",
                                "connection refused", null, "java.net.ConnectException", "Connection refused",
                                "nothing listens on 127.0.0.1:12000", 1, 104)),
                        List.of(new Event(1, "client", "server", Event.Kind.REFUSED, "SYN answered by RST")),
                        List.of(new Check("the client fails with \"connection refused\"", "connection refused "
                                + "(java.net.ConnectException: Connection refused)", true)),
                        List.of(),
                        List.of(new Packet(0, "127.0.0.1:50170", "127.0.0.1:41234", "TCP", "S", null, 0, "", 0),
                                new Packet(31, "127.0.0.1:41234", "127.0.0.1:50170", "TCP", "R.", null, 0, "", 0)),
                        List.of("Packets captured with tcpdump on lo.")));
    }

    static ScenarioResult udpWaits() {
        return scenario("The UDP client waits: its datagram is lost", 20, "PASSED", null,
                List.of(passed("Given", "nothing listens on UDP port 12000", 21),
                        passed("When", "the UDP client sends \"asmaa\" to port 12000 and waits 2s", 22),
                        passed("Then", "the client gets no reply", 23)),
                List.of("UDP sends without a connection: the datagram leaves and nothing receives it. An "
                        + "unconnected socket is not told about the ICMP port unreachable, so recvfrom() waits."),
                List.of("Windows reports the ICMP error even on an unconnected socket: Python's recvfrom raises "
                        + "ConnectionResetError [WinError 10054], as in the seed's screenshot. macOS waits, as "
                        + "Linux does."),
                observations(consoles("client", lines(3, "Input lowercase sentence:asmaa",
                                "error: no reply within 2 s")),
                        List.of(new ProgramRun("client", "socket-lab udp-client --port 12000 --timeout 2s",
                                "no reply", null, "java.net.SocketTimeoutException", "Receive timed out",
                                "no reply within 2 s", 2, 2_003_114)),
                        List.of(new Event(3, "client", "server", Event.Kind.LOST, "\"asmaa\" (5 bytes)"),
                                new Event(2005, "client", "client", Event.Kind.TIMEOUT, "waited 2 s: nothing came"),
                                new Event(2006, "client", "server", Event.Kind.ICMP_UNREACHABLE,
                                        "(connected socket) ICMP port unreachable")),
                        List.of(new Check("the client gets no reply", "no reply (SocketTimeoutException after "
                                + "2.00 s)", true)),
                        List.of(), List.of(), List.of()));
    }

    static ScenarioResult skipped() {
        StepResult capture = new StepResult("Given", "packets on port 12000 are captured", 31, null, null, "SKIPPED",
                Duration.ZERO, "org.opentest4j.TestAbortedException", "tcpdump is not installed (apt-get install "
                        + "tcpdump)", null, List.of());
        StepResult later = new StepResult("Then", "the capture shows an ICMP port unreachable", 33, null, null,
                "SKIPPED", Duration.ZERO, null, null, null, List.of());
        return scenario("The capture shows the ICMP port unreachable", 30, "SKIPPED",
                "tcpdump is not installed (apt-get install tcpdump)", List.of(capture, later),
                List.of("The server's kernel answers a datagram to a closed port with ICMP port unreachable."),
                List.of(), ScenarioObservations.empty());
    }

    static ScenarioResult undefined() {
        StepResult undefinedStep = new StepResult("When", "the UDP server listens on port 4000 and the client "
                + "sends to 12000", 9, null, null, "UNDEFINED", Duration.ZERO, null, null, null, List.of("""
                @When("the UDP server listens on port {int} and the client sends to {int}")
                public void the_udp_server_listens_on_port_and_the_client_sends_to(Integer int1, Integer int2) {
                    // Write code here that turns the phrase above into concrete actions
                    throw new io.cucumber.java.PendingException();
                }"""));
        return scenario("UDP: server on 4000, client sends to 12000", 8, "UNDEFINED",
                "no step definition for \"the UDP server listens on port 4000 and the client sends to 12000\"",
                List.of(undefinedStep, new StepResult("Then", "the client gets no reply", 10, null, null, "SKIPPED",
                        Duration.ZERO, null, null, null, List.of())),
                List.of(), List.of(), ScenarioObservations.empty());
    }

    static ScenarioResult lineServerFails() {
        StepResult failed = new StepResult("Then", "the server prints the line \"GET / HTTP/1.1\"", 14,
                "GET / HTTP/1.1\nHost: lab.test\nX-Test: " + SCRIPT, null, "FAILED", Duration.ofMillis(2001),
                "org.opentest4j.AssertionFailedError",
                "expected the server to print \"GET / HTTP/1.1\" within 2 s, but it printed:\n[127.0.0.1:50200] "
                        + SCRIPT,
                "org.opentest4j.AssertionFailedError: expected ...\n\tat org.socketlab.steps.LineServerSteps"
                        + ".serverPrints(LineServerSteps.java:41)", List.of());
        return scenario("The line server prints what a client sends", 12, "FAILED", null,
                List.of(passed("Given", "the line server runs on port 2000", 13), failed),
                List.of("The server reads the connection line by line and prints each line as it comes."),
                List.of(),
                observations(consoles("client", lines(3, "GET / HTTP/1.1"),
                                "server", lines(1, "Server listening on 127.0.0.1 : 2000", "[127.0.0.1:50200] " + SCRIPT)),
                        List.of(new ProgramRun("server", "socket-lab line-server --port 2000", "started", null, null,
                                null, null, 0, 220)),
                        List.of(new Event(2, "client", "server", Event.Kind.CONNECT, "connect"),
                                new Event(3, "client", "server", Event.Kind.DATA, "GET / HTTP/1.1 …"),
                                new Event(9, "server", "client", Event.Kind.RESET, "connection reset")),
                        List.of(new Check("the server prints the line \"GET / HTTP/1.1\"", "[127.0.0.1:50200] "
                                + SCRIPT, false)),
                        List.of(), List.of(), List.of()));
    }

    static ScenarioResult conditionalGet() {
        List<Header> firstHeaders = List.of(new Header("Host", "lab.test"), new Header("Proxy-Connection",
                "keep-alive"), new Header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0"),
                new Header("X-Evil", SCRIPT));
        List<Header> secondHeaders = List.of(new Header("Host", "lab.test"), new Header("Proxy-Connection",
                "keep-alive"), new Header("If-None-Match", "\"5f1fedf1-fb2\""),
                new Header("If-Modified-Since", "Tue, 28 Jul 2020 09:20:49 GMT"));
        List<Header> validators = List.of(new Header("ETag", "\"5f1fedf1-fb2\""),
                new Header("Last-Modified", "Tue, 28 Jul 2020 09:20:49 GMT"), new Header("Cache-Control", "no-cache"));
        List<HttpExchange> http = List.of(
                new HttpExchange(1, "chromium 156", "GET http://lab.test/ HTTP/1.1", firstHeaders, false, true, 200,
                        "HTTP/1.1 200 OK", validators, 1900),
                new HttpExchange(1, "chromium 156", "GET http://lab.test/style.css HTTP/1.1", firstHeaders, false,
                        true, 200, "HTTP/1.1 200 OK", validators, 1950),
                new HttpExchange(1, "chromium 156", "GET http://lab.test/favicon.ico HTTP/1.1", firstHeaders, false,
                        false, 404, "HTTP/1.1 404 Not Found", List.of(), 1960),
                new HttpExchange(2, "chromium 156", "GET http://lab.test/ HTTP/1.1", secondHeaders, true, true, 304,
                        "HTTP/1.1 304 Not Modified", validators, 4100),
                new HttpExchange(2, "chromium 156", "GET http://lab.test/style.css HTTP/1.1", secondHeaders, true,
                        true, 304, "HTTP/1.1 304 Not Modified", validators, 4150));
        return scenario("Chromium revalidates what it cached: conditional GETs, 304 Not Modified", 20, "PASSED",
                null, List.of(passed("Given", "the origin serves the lab page with Cache-Control \"no-cache\"", 21),
                        passed("When", "Chromium loads http://lab.test/ twice through the proxy", 22),
                        passed("Then", "the second load's requests carry If-None-Match and If-Modified-Since", 23)),
                List.of("The origin sent an ETag and a Last-Modified with Cache-Control: no-cache, so Chromium "
                        + "keeps the page but must ask before using it again: the second load sends conditional "
                        + "GETs and the origin answers 304 Not Modified without a body."),
                List.of("Firefox and Safari revalidate the same way; with max-age=3600 no browser asks at all."),
                observations(consoles("browser", lines(1000, "chromium --headless --proxy-server=127.0.0.1:2000"),
                                "proxy", lines(1900, "GET http://lab.test/ HTTP/1.1", "If-None-Match: \"5f1fedf1-fb2\""),
                                "origin", lines(1901, "200 /", "304 /")),
                        List.of(new ProgramRun("proxy", "socket-lab proxy --port 2000", "started", null, null, null, null,
                                900, 500)),
                        List.of(new Event(1900, "browser", "proxy", Event.Kind.REQUEST, "GET http://lab.test/"),
                                new Event(1901, "proxy", "origin", Event.Kind.REQUEST, "GET /"),
                                new Event(1902, "origin", "proxy", Event.Kind.RESPONSE, "200 OK"),
                                new Event(1903, "proxy", "browser", Event.Kind.RESPONSE, "200 OK"),
                                new Event(4100, "browser", "proxy", Event.Kind.REQUEST, "GET / If-None-Match"),
                                new Event(4101, "proxy", "origin", Event.Kind.REQUEST, "GET / If-None-Match"),
                                new Event(4102, "origin", "proxy", Event.Kind.RESPONSE, "304 Not Modified"),
                                new Event(4103, "proxy", "browser", Event.Kind.RESPONSE, "304 Not Modified")),
                        List.of(new Check("the second load's requests carry If-None-Match", "2 of 2 conditional", true)),
                        http, List.of(), List.of("Chromium's own requests (update checks, CONNECT to Google) were "
                                + "answered by the proxy and are not shown.")));
    }

    /** A report of {@code count} scenarios, spread over seven features, for size and speed. */
    public static LabReport large(int count) {
        List<List<ScenarioResult>> perFeature = new ArrayList<>();
        for (int f = 0; f < 7; f++) {
            perFeature.add(new ArrayList<>());
        }
        List<ScenarioResult> samples = List.of(udpReply(), refusedTcp(), udpWaits(), skipped(), undefined(),
                lineServerFails(), conditionalGet());
        for (int i = 0; i < count; i++) {
            ScenarioResult sample = samples.get(i % samples.size());
            perFeature.get(i % 7).add(new ScenarioResult("id-" + i, sample.keyword(), sample.name() + " #" + i,
                    10 + i, sample.outlineLine(), sample.tags(), sample.answer(), sample.otherSystems(),
                    sample.status(), sample.verdict(), sample.reason(), sample.started(), sample.duration(),
                    sample.steps(), sample.observations()));
        }
        List<FeatureResult> features = new ArrayList<>();
        for (int f = 0; f < 7; f++) {
            features.add(feature((f + 1) + "-feature.feature", "Feature " + (f + 1), List.of("Question " + (f + 1)),
                    perFeature.get(f)));
        }
        return LabReport.of(run(), cover(), machine(), features);
    }
}
