package org.socketlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;
import org.socketlab.model.ProgramRun;
import org.socketlab.net.Transport;
import org.socketlab.programs.ProgramCommand;
import org.socketlab.programs.ProgramSettings;

/**
 * The generic steps' bench: any program an instructor names ({@code lab.program.NAME}), started with arguments,
 * typed into, waited on and checked, and raw datagrams or bytes sent to a port, for scenarios the uppercase
 * vocabulary does not know (another course's UDP pinger, a small web server). Each program's console is its own,
 * named after it. Runs where the scenario's other programs run ({@link ProgramSite}): on its lab host, if it has one.
 */
public final class NamedPrograms implements AutoCloseable {
    private static final Duration LINE_WAIT = Duration.ofSeconds(5);

    private final ProgramSite site;
    private final PortPlan ports;
    private final ScenarioRecorder recorder;
    private final ProgramSettings settings;
    private final Map<String, Started> programs = new LinkedHashMap<>();
    private String lastReply;

    private record Started(ExternalProgram program, long startNanos, long atMillis) {
    }

    NamedPrograms(ProgramSite site, PortPlan ports, ScenarioRecorder recorder, ProgramSettings settings) {
        this.site = site;
        this.ports = ports;
        this.recorder = recorder;
        this.settings = settings;
    }

    /**
     * Starts the program named NAME with extra arguments ({@code {host}} replaced), in the background. The port
     * numbers in its arguments are the ones the feature wrote, so the scenario's ports stay those ({@link
     * PortPlan#keepPortsAsWritten}).
     */
    public void start(String name, String arguments) {
        ProgramCommand command = settings.program(name).orElseThrow(() -> new TestAbortedException(
                "no program is named for \"" + name + "\": set lab.program." + name + " in lab.properties or with -D"));
        if (command.takesPort()) {
            throw new TestAbortedException("lab.program." + name + " has {port}, but a program the steps start by "
                    + "name plays no role and has no port of the scenario's: write the port in the step instead, "
                    + "e.g. runs with \"{host} 12000\"");
        }
        ports.keepPortsAsWritten();
        List<String> words = new ArrayList<>(command.resolve(site.host(), 0));
        if (!arguments.isBlank()) {
            for (String word : ProgramCommand.split(arguments)) {
                words.add(word.replace(ProgramCommand.HOST, site.host()));
            }
        }
        try {
            ExternalProgram program = ExternalProgram.start(words, String.join(" ", words), command.projectDir(),
                    site.placement(command.projectDir()), recorder.transcript(name), Untrusted.TIME_LIMIT, false);
            Started previous = programs.put(name, new Started(program, System.nanoTime(), recorder.now()));
            if (previous != null) {
                previous.program().close();
            }
        } catch (IOException e) {
            throw new AssertionError("could not start " + name + " (" + String.join(" ", words) + "): "
                    + e.getMessage(), e);
        }
    }

    /** Starts it and waits for it to end (bounded by its time limit). */
    public void run(String name, String arguments) {
        start(name, arguments);
        awaitEnd(name, Untrusted.TIME_LIMIT);
    }

    private Started started(String name) {
        Started started = programs.get(name);
        if (started == null) {
            throw new IllegalStateException("the program \"" + name + "\" was not started: add 'When the program \""
                    + name + "\" runs' first");
        }
        return started;
    }

    public void type(String name, String line) {
        started(name).program().type(line);
    }

    /** Waits (bounded) for a line of its console that contains the text. */
    public void expectPrints(String name, String text) {
        boolean found = recorder.transcript(name).awaitIndex(line -> line.text().contains(text), 0, LINE_WAIT)
                .isPresent();
        recorder.verify("the program \"" + name + "\" prints \"" + text + "\"",
                found ? "printed" : "not printed within " + LINE_WAIT.toSeconds() + " s; its console:\n"
                        + recorder.transcript(name).text(), found);
    }

    public void expectExitStatus(String name, int status) {
        ProgramEnding ending = awaitEnd(name, Untrusted.TIME_LIMIT);
        Integer exit = ending.end().exitCode();
        recorder.verify("the program \"" + name + "\" exits with status " + status,
                exit == null ? "it did not exit by itself: " + ending.evidence() : "exit status " + exit,
                exit != null && exit == status);
    }

    public void expectEndsWithin(String name, Duration within) {
        Started started = started(name);
        ProgramEnding ending = awaitEnd(name, within);
        Duration ran = Duration.ofNanos(System.nanoTime() - started.startNanos());
        boolean ended = ending.end().exitCode() != null;
        recorder.verify("the program \"" + name + "\" ends within " + within.toMillis() + " ms",
                ended ? "it ended after " + ran.toMillis() + " ms" : "it was still running: " + ending.evidence(),
                ended && ran.compareTo(within) <= 0);
    }

    private ProgramEnding awaitEnd(String name, Duration wait) {
        Started started = started(name);
        ProgramEnding ending = started.program().awaitEnd(Transport.TCP, wait);
        recorder.run(new ProgramRun(name, started.program().shownCommand(), ending.outcome().phrase(), null, null,
                ending.quote(), "decided by " + ending.evidence(), started.atMillis(),
                ShownCommand.microsSince(started.startNanos())));
        return ending;
    }

    /** Sends one datagram from the lab host to the port and waits (bounded) for one back. */
    public void sendDatagram(String text, int port, Duration wait) {
        lastReply = site.openOnLabHost(() -> {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout((int) wait.toMillis());
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(site.host(), port)));
                byte[] buffer = new byte[65_535];
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                return new String(buffer, 0, reply.getLength(), StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                return null;
            }
        });
    }

    /** Connects to the port, sends the bytes, half-closes, and reads the reply until the server closes. */
    public void sendOverTcp(String text, int port, Duration wait) {
        lastReply = site.openOnLabHost(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(site.host(), port), (int) wait.toMillis());
                socket.setSoTimeout((int) wait.toMillis());
                socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                return null;
            }
        });
    }

    public void expectReply(String expected) {
        recorder.verify("the reply is \"" + expected + "\"",
                lastReply == null ? "no reply came" : "\"" + lastReply + "\"",
                lastReply != null && lastReply.strip().equals(expected));
    }

    public void expectNoReply() {
        recorder.verify("no reply comes", lastReply == null ? "no reply came" : "\"" + lastReply + "\"",
                lastReply == null);
    }

    @Override
    public void close() {
        programs.values().forEach(started -> started.program().close());
        programs.clear();
    }
}
