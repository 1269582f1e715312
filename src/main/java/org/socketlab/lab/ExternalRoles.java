package org.socketlab.lab;

import static org.socketlab.lab.Roles.CLIENT;
import static org.socketlab.lab.Roles.SERVER;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;
import org.socketlab.model.ProgramRun;
import org.socketlab.net.ClientRun;
import org.socketlab.net.Durations;
import org.socketlab.net.Transport;
import org.socketlab.programs.ProgramCommand;
import org.socketlab.programs.ProgramSettings;

/**
 * The roles of a scenario that the student's own programs play ({@code lab.program.ROLE}): starts them on the
 * scenario's lab host, waits for servers to bind, types a client's sentence when it asks, and reads how each
 * ended. A role with no program named is not here: socket-lab's own program plays it, in this JVM (or, with
 * {@code lab.requirePrograms=true}, the step is skipped).
 */
final class ExternalRoles implements AutoCloseable {

    private final ProgramSettings settings;
    private final ScenarioRecorder recorder;
    private final List<ExternalProgram> running = new ArrayList<>();
    private ExternalProgram startedClient;
    private long startedClientAt;
    private ProgramEnding lastEnding;

    ExternalRoles(ProgramSettings settings, ScenarioRecorder recorder) {
        this.settings = settings;
        this.recorder = recorder;
    }

    /** The program named for a role, if the student named one. */
    Optional<ProgramCommand> program(String role) {
        return settings.program(role);
    }

    /**
     * The student's program for the role, or else socket-lab's own as a command, where it cannot run here. Every
     * student role a step plays is resolved here, so this is where {@code lab.requirePrograms=true} skips a step whose
     * role the student named no program for (socket-lab's own would earn its points for an empty submission).
     *
     * @throws TestAbortedException when programs are required and none is named for the role
     */
    Optional<RolePlayer> player(String role, Optional<ProgramCommand> named, boolean ownInProcess,
            List<String> ownOptions) {
        if (named.isPresent()) {
            return Optional.of(RolePlayer.students(named.get()));
        }
        if (settings.requirePrograms()) {
            String reason = ProgramSettings.missingProgram(role);
            recorder.note("Skipped: " + reason + ".");
            throw new TestAbortedException(reason);
        }
        return ownInProcess ? Optional.empty() : Optional.of(RolePlayer.own(role, ownOptions));
    }

    /** The program named for the connected UDP client; skips the step when only the plain client is named. */
    Optional<ProgramCommand> connectedClient() {
        if (settings.connectedClientMissing()) {
            throw new TestAbortedException("this step needs a UDP client that connects its socket, and only "
                    + "lab.program.udp-client is named (" + settings.program("udp-client").orElseThrow()
                    .commandLine() + "); name one with lab.program.udp-client-connected to run it");
        }
        return settings.program(ProgramSettings.CONNECTED_UDP_CLIENT);
    }

    /** The last client's ending, for the report's "observed" side; null when socket-lab's own client ran. */
    ProgramEnding lastEnding() {
        return lastEnding;
    }

    void forgetLastEnding() {
        lastEnding = null;
    }

    /** How a server that is not ours started: null when it is bound; else why not, as a failure to record. */
    ProgramEnding startServer(RolePlayer player, String role, Transport transport, String host, int labPort,
            int realPort, UnaryOperator<List<String>> place) {
        ProgramCommand command = player.command();
        Transcript console = recorder.transcript(SERVER);
        long at = recorder.now();
        ExternalProgram program = start(player, role, host, realPort, place, console);
        ExternalProgram.Readiness ready = program.awaitBound(transport, realPort, settings.readyWithin());
        String port = labPort + "/" + transport.label();
        if (ready instanceof ExternalProgram.Ready) {
            recorder.run(new ProgramRun(SERVER, program.shownCommand(), "started", null, null, null,
                    "bound " + port + " (seen in the lab host's socket table)", at, 0));
            return null;
        }
        if (ready instanceof ExternalProgram.OtherPort other) {
            program.close();
            String ports = other.ports().stream().map(p -> p + "/" + transport.label())
                    .collect(Collectors.joining(", "));
            String reason = "the " + role + " listens on " + ports + "; this scenario needs it on " + port
                    + (command.takesPort() ? "" : ": pass the port with {port} in lab.program." + role);
            recorder.note("Skipped: " + reason + ".");
            throw new TestAbortedException(reason);
        }
        if (ready instanceof ExternalProgram.Exited exited) {
            ProgramEnding ending = exited.ending();
            recorder.run(new ProgramRun(SERVER, program.shownCommand(), ending.outcome().phrase(),
                    null, null, ending.quote(), "exited before it was ready; decided by " + ending.evidence(), at,
                    0));
            return ending;
        }
        program.close();
        String notReady = "did not bind " + port + " within " + Durations.format(settings.readyWithin())
                + " (" + ProgramSettings.READY_WITHIN + ")";
        recorder.run(new ProgramRun(SERVER, program.shownCommand(), "not ready", null, null, null, notReady, at, 0));
        throw new AssertionError("the " + role + " (" + command.commandLine() + ") " + notReady);
    }

    /** Starts a client and waits until it asks for its sentence (or has already ended: TCP, refused). */
    void startClient(RolePlayer player, String role, String host, int realPort, UnaryOperator<List<String>> place) {
        closeStartedClient();
        startedClientAt = recorder.now();
        startedClient = start(player, role, host, realPort, place, recorder.transcript(CLIENT));
        startedClient.awaitAsks();
    }

    /** Whether the client started earlier has already ended (a TCP client refused at connect). */
    boolean startedClientEnded() {
        return startedClient != null && !startedClient.isAlive();
    }

    /**
     * Types the sentence into the client started earlier and waits for it to end, at most {@code wait}: a client
     * still running then is stopped, as still waiting.
     */
    ClientRun clientSends(String sentence, Transport transport, Duration wait) {
        if (startedClient == null) {
            throw new IllegalStateException("no client was started");
        }
        long started = System.nanoTime();
        if (sentence != null && startedClient.isAlive()) {
            startedClient.type(sentence);
        }
        lastEnding = startedClient.awaitEnd(transport, wait);
        ClientRun run = new ClientRun(lastEnding.outcome(), lastEnding.reply(), null,
                Duration.ofNanos(System.nanoTime() - started));
        recorder.run(new ProgramRun(CLIENT, startedClient.shownCommand(), lastEnding.outcome().phrase(),
                lastEnding.reply(), null, lastEnding.quote(), "decided by " + lastEnding.evidence(),
                startedClientAt, run.elapsed().toNanos() / 1000));
        closeStartedClient();
        return run;
    }

    private ExternalProgram start(RolePlayer player, String role, String host, int realPort,
            UnaryOperator<List<String>> place, Transcript console) {
        ProgramCommand command = player.command();
        List<String> words = command.resolve(host, realPort);
        try {
            ExternalProgram program = ExternalProgram.start(words, player.shown(host, realPort),
                    command.projectDir(), place, console, Untrusted.TIME_LIMIT, player.own());
            running.add(program);
            return program;
        } catch (IOException e) {
            throw new AssertionError("could not start the " + role + " (" + command.commandLine() + "): "
                    + e.getMessage(), e);
        }
    }

    private void closeStartedClient() {
        if (startedClient != null) {
            startedClient.close();
            startedClient = null;
        }
    }

    /** Stops every program still running, with its whole process tree. */
    @Override
    public void close() {
        running.forEach(ExternalProgram::close);
        running.clear();
        startedClient = null;
    }

}
