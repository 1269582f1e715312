package org.socketlab.lab;

import static org.socketlab.lab.Roles.CLIENT;
import static org.socketlab.lab.Roles.SERVER;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.socketlab.model.Event;
import org.socketlab.model.ProgramRun;
import org.socketlab.net.ClientRun;
import org.socketlab.net.Durations;
import org.socketlab.net.LabException;
import org.socketlab.net.Transport;

/**
 * Tells the report what a client's run looked like: socket-lab's own client run as the command a student would
 * type, and the events between client and server (the sequence diagram), as far as the client's outcome tells.
 */
final class ClientNarration {
    private final ScenarioRecorder recorder;
    private final PortPlan ports;
    private final LabServers servers;

    ClientNarration(ScenarioRecorder recorder, PortPlan ports, LabServers servers) {
        this.recorder = recorder;
        this.ports = ports;
        this.servers = servers;
    }

    /** Records socket-lab's own client's run as a command, then draws what crossed the wire. */
    void recordOwnRun(ClientStart start, String sentence, ClientRun run, boolean failedAtStart, Duration timeout) {
        String command = "socket-lab " + start.transport().label() + "-client --port " + start.labPort()
                + ShownCommand.hostOption(start.host(), "--host")
                + (start.connected() ? " --connected" : "") + " --timeout " + Durations.format(timeout)
                + (sentence == null ? "" : " --message " + ShownCommand.quoted(sentence));
        LabException failure = run.failure();
        long elapsedMicros = run.elapsed().toNanos() / 1000;
        recorder.run(new ProgramRun(CLIENT, command, run.outcome().phrase(), run.reply(),
                failure == null ? null : failure.causeClass(), failure == null ? null : failure.causeMessage(),
                failure == null ? null : failure.getMessage(), start.atMillis(), elapsedMicros));
        narrate(start, sentence, run, failedAtStart, timeout);
    }

    /** Draws what crossed the wire, as far as the client's outcome tells. */
    void narrate(ClientStart start, String sentence, ClientRun run, boolean failedAtStart, Duration timeout) {
        // Each event at the time it happened: the connect when the client started, the send when the exchange
        // began (its end minus its duration), the answer or the giving up now.
        Transport transport = start.transport();
        long now = recorder.now();
        long sentAt = Math.max(start.atMillis(), now - run.elapsed().toMillis());
        String port = start.labPort() + "/" + transport.label();
        if (transport == Transport.TCP && !failedAtStart) {
            recorder.event(start.atMillis(), CLIENT, SERVER, Event.Kind.CONNECT, "connected to " + port
                    + " (SYN, SYN-ACK, ACK)");
        }
        if (sentence != null) {
            String data = describe(sentence) + (transport == Transport.TCP ? ", then FIN" : " to " + port);
            boolean lost = transport == Transport.UDP && ports.verifiedFree(transport, start.labPort())
                    && !servers.listens(transport, start.labPort(), start.host());
            recorder.event(sentAt, CLIENT, SERVER, lost ? Event.Kind.LOST : Event.Kind.DATA,
                    lost ? data + ", where nothing listens" : data);
        }
        switch (run.outcome()) {
            case REPLY -> recorder.event(now, SERVER, CLIENT, Event.Kind.REPLY, describe(run.reply()));
            case CONNECTION_REFUSED -> recorder.event(now, CLIENT, SERVER, Event.Kind.REFUSED,
                    "connection to " + port + " refused");
            case PORT_UNREACHABLE -> recorder.event(now, SERVER, CLIENT, Event.Kind.ICMP_UNREACHABLE,
                    "port unreachable (" + port + "), reported to the socket");
            case NO_REPLY -> recorder.event(now, CLIENT, CLIENT, Event.Kind.TIMEOUT,
                    "no reply within " + Durations.format(timeout));
            case CONNECTION_RESET -> recorder.event(now, SERVER, CLIENT, Event.Kind.RESET, "connection reset");
            default -> recorder.event(now, CLIENT, CLIENT, Event.Kind.NOTE, run.outcome().phrase());
        }
    }

    /** The text as an event shows it: quoted, cut at 40 characters, with its size in UTF-8 bytes. */
    private static String describe(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + shown + "\" (" + bytes + (bytes == 1 ? " byte)" : " bytes)");
    }
}
