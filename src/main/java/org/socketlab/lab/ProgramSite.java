package org.socketlab.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.opentest4j.TestAbortedException;
import org.socketlab.net.LabException;
import org.socketlab.wire.LabHost;

/**
 * Where the scenario's programs run: the address they bind and send to (127.0.0.1 unless the feature chose
 * another), and the host they run on. That is a lab host of the scenario's own, a network namespace made on first
 * use, where scenarios get one ({@link #isolated()}); elsewhere this host. Making the lab host starts its capture.
 */
final class ProgramSite {
    private final ScenarioRecorder recorder;
    private final ScenarioCapture capture;
    private String host = ShownCommand.DEFAULT_HOST;
    private LabHost labHost;

    ProgramSite(ScenarioRecorder recorder, ScenarioCapture capture) {
        this.recorder = recorder;
        this.capture = capture;
    }

    /** Whether scenarios run on lab hosts of their own: where namespaces can be made. */
    static boolean isolated() {
        return LabHost.unavailable().isEmpty();
    }

    /**
     * Whether socket-lab's own programs run in this JVM: always on this host, and on a lab host where this JVM may
     * move a thread into it (root). Elsewhere they run as commands inside the lab host ({@link RolePlayer#own}).
     */
    boolean ownInProcess() {
        return !isolated() || LabHost.jvmMayJoin();
    }

    /**
     * How a program is put where the scenario's programs run: inside its lab host, within the limits its programs
     * share, or as it is, here.
     */
    UnaryOperator<List<String>> placement(Path directory) {
        return onLabHost(host -> command -> host.programCommand(command, directory));
    }

    /** How socket-lab's Chromium is put on the lab host: as a program, but not held to the programs' shared limits. */
    UnaryOperator<List<String>> browserPlacement(Path directory) {
        return onLabHost(host -> command -> host.command(command, directory));
    }

    private UnaryOperator<List<String>> onLabHost(Function<LabHost, UnaryOperator<List<String>>> placing) {
        return isolated() ? placing.apply(labHost()) : UnaryOperator.identity();
    }

    String host() {
        return host;
    }

    void useHost(String newHost) {
        this.host = newHost;
        recorder.note("Programs ran on host " + newHost + ".");
    }

    /** The host's address; the feature named it, so one that does not resolve fails the step. */
    InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalStateException("the lab host " + host + " does not resolve", e);
        }
    }

    /** Makes the lab host now, where scenarios get one, before a program is started on it. */
    void labHostForPrograms() {
        if (isolated()) {
            labHost();
        }
    }

    /** The scenario's lab host, made (and its packets captured, where tcpdump can) on first use. */
    LabHost labHost() {
        if (labHost == null) {
            try {
                labHost = LabHost.create();
            } catch (IOException e) {
                throw new IllegalStateException("could not make the scenario's lab host: " + e.getMessage(), e);
            }
            recorder.note("Ran on a lab host of its own: a network namespace with only its loopback"
                    + " (ports are the lab's ports).");
            capture.startOnLabHost(labHost);
        }
        return labHost;
    }

    /** The lab host if one was made; null while programs run on this host. */
    LabHost labHostOrNull() {
        return labHost;
    }


    /** Opens sockets where the scenario's programs live: on its lab host, or here. */
    <T> T onLabHost(Callable<T> work) throws Exception {
        if (labHost != null && !LabHost.jvmMayJoin()) {
            throw new TestAbortedException("this step opens a socket from socket-lab itself on the lab host, which "
                    + "a JVM that is not root may not enter; run it as root (as CI does)");
        }
        return labHost != null ? labHost.inside(work) : work.call();
    }

    /** The same, for work that throws only the lab's own exceptions. */
    <T> T onLabHostOrThrow(Callable<T> work) throws LabException {
        try {
            return onLabHost(work);
        } catch (LabException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs socket work where the scenario's programs live; a failure of the lab host itself fails the step. */
    <T> T openOnLabHost(Callable<T> work) {
        labHostForPrograms();
        try {
            return onLabHost(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Removes the lab host: every process, namespace, veth and mount of the scenario goes with it. */
    void close() {
        LabHost closing = labHost;
        labHost = null;
        if (closing != null) {
            closing.close();
        }
    }
}
