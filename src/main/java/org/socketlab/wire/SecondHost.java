package org.socketlab.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.ExitCleanup;
import org.socketlab.programs.Limit;

/**
 * A second host for a scenario: a network namespace of its own, joined to this one by a veth pair on a private
 * /30 subnet ({@code 10.213.N.1} here, {@code 10.213.N.2} there). Made with iproute2 by the run itself, named
 * {@code socketlab-<pid>-<n>}, and deleted by {@link #close()} together with its veth pair and firewall rules.
 * Only the addresses of that subnet are ever used. Needs root and the {@code ip} command.
 */
public final class SecondHost implements AutoCloseable {
    private static final String PREFIX = "socketlab-";
    /** An {@code ip} or {@code iptables} command is done within this long. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final String name;
    private final String hostInterface;
    private final String localAddress;
    private final String address;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Runnable deleteAtExit;
    private static volatile boolean leftoversRemoved;

    private SecondHost(String name, String hostInterface, String localAddress, String address) {
        this.name = name;
        this.hostInterface = hostInterface;
        this.localAddress = localAddress;
        this.address = address;
        this.deleteAtExit = () -> {
            try {
                run("netns", "del", name);
            } catch (IOException ignored) {
                // already gone
            }
        };
    }

    /**
     * Why namespaces cannot be made here (not root, no iproute2, or root without the right to: a container without
     * CAP_NET_ADMIN), or empty when they can. The last is found by making and deleting one, once per JVM.
     */
    public static Optional<String> unavailable() {
        if (!ThreadInNamespace.JVM_IS_ROOT) {
            return Optional.of("network namespaces need root (run as root, as CI does)");
        }
        if (ip().isEmpty()) {
            return Optional.of("the ip command (Debian: apt-get install iproute2) is not installed");
        }
        return Probe.RESULT;
    }

    /** Why the firewall steps cannot run here (no iptables), or empty when they can. */
    public static Optional<String> firewallUnavailable() {
        Optional<String> noHost = unavailable();
        if (noHost.isPresent()) {
            return noHost;
        }
        return SystemPrograms.find("iptables").isPresent() ? Optional.empty()
                : Optional.of("the iptables command (Debian: apt-get install iptables) is not installed");
    }

    /** Holds the result of one trial namespace, made the first time it is asked for. */
    private static final class Probe {
        static final Optional<String> RESULT = tryOne();

        private static Optional<String> tryOne() {
            // Random: in a container the JVM's pid repeats from run to run, and a killed run may have left one.
            String name = "socketlab-probe-" + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16);
            try {
                run("netns", "add", name);
            } catch (IOException e) {
                return Optional.of("this root cannot make network namespaces (a container without CAP_NET_ADMIN?): "
                        + e.getMessage());
            }
            try {
                run("netns", "del", name);
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of("a network namespace was made but could not be deleted (" + name + " is left; "
                        + "ip netns del " + name + " removes it): " + e.getMessage());
            }
        }
    }


    private static Optional<Path> ip() {
        return SystemPrograms.find("ip");
    }

    /** Creates the namespace, the veth pair and the addresses, and brings everything up. */
    public static SecondHost create() throws IOException {
        Optional<String> reason = unavailable();
        if (reason.isPresent()) {
            throw new IOException(reason.get());
        }
        if (!leftoversRemoved) {
            leftoversRemoved = true;
            removeLeftovers();
        }
        int n = NEXT.getAndIncrement() % 250;
        long pid = ProcessHandle.current().pid();
        String name = PREFIX + pid + "-" + n;
        // Interface names are limited to 15 characters.
        String hostSide = "sl" + (pid % 100_000) + "h" + n;
        String peerSide = "sl" + (pid % 100_000) + "p" + n;
        String local = "10.213." + n + ".1";
        String remote = "10.213." + n + ".2";
        SecondHost host = new SecondHost(name, hostSide, local, remote);
        ExitCleanup.register(host.deleteAtExit);
        try {
            run("netns", "add", name);
            run("link", "add", hostSide, "type", "veth", "peer", "name", peerSide);
            run("link", "set", peerSide, "netns", name);
            run("addr", "add", local + "/30", "dev", hostSide);
            run("link", "set", hostSide, "up");
            run("-n", name, "addr", "add", remote + "/30", "dev", peerSide);
            run("-n", name, "link", "set", peerSide, "up");
            run("-n", name, "link", "set", "lo", "up");
        } catch (IOException e) {
            host.close();
            throw e;
        }
        return host;
    }

    /**
     * Deletes the namespaces an earlier run left behind when its JVM was killed: this project's, by name, and
     * only those whose JVM (the pid in the name) is gone, so a build running beside this one keeps its own.
     */
    static void removeLeftovers() {
        try {
            for (String line : output(List.of(ip().orElseThrow().toString(), "netns", "list")).split("\n")) {
                String namespace = line.split(" ")[0];
                if (!namespace.startsWith(PREFIX)) {
                    continue;
                }
                String[] parts = namespace.substring(PREFIX.length()).split("-");
                boolean ownerGone = parts.length == 2 && parts[0].matches("[0-9]+")
                        && ProcessHandle.of(Long.parseLong(parts[0])).isEmpty();
                if (ownerGone) {
                    run("netns", "del", namespace);
                }
            }
        } catch (IOException ignored) {
            // nothing to clean, or nothing we may clean
        }
    }

    public String name() {
        return name;
    }

    /** The second host's address, as the first host reaches it. */
    public String address() {
        return address;
    }

    /** This host's end of the link. */
    public String localAddress() {
        return localAddress;
    }

    /** The veth interface on this host's side, for packet capture. */
    public String hostInterface() {
        return hostInterface;
    }

    public InetAddress inetAddress() throws IOException {
        return InetAddress.getByName(address);
    }

    /**
     * Starts a command inside the second host's namespace, its output lines (both streams) to {@code onLine}; it is
     * killed, with what it started, on {@link #close()}.
     */
    public synchronized ChildProcess start(List<String> command, ChildProcess.OutputListener onLine)
            throws IOException {
        ChildProcess process = ChildProcess.command(inside(command)).onLine(onLine).start();
        processes.add(process);
        return process;
    }

    /**
     * Adds a firewall rule on the second host for incoming TCP or UDP to a port: {@code DROP} discards the
     * packets silently, {@code REJECT} answers them with ICMP port unreachable.
     */
    public void firewall(String protocol, int port, String target) throws IOException {
        exec(List.of("iptables", "-A", "INPUT", "-p", protocol, "--dport", String.valueOf(port), "-j", target));
    }

    private void exec(List<String> command) throws IOException {
        output(inside(command));
    }

    /** The command line that runs {@code command} inside the second host: {@code ip netns exec}. */
    private List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of(ip().orElseThrow().toString(), "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    private static void run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ip().orElseThrow().toString()));
        command.addAll(List.of(arguments));
        output(command);
    }

    /** Runs a command to its end; what it printed (both streams), or an IOException with it if it failed. */
    private static String output(List<String> command) throws IOException {
        ChildProcess.Result result = ChildProcess.command(command).run(COMMAND_TIMEOUT);
        if (result.ending().stoppedFor() == Limit.TIME) {
            throw new IOException(Thread.currentThread().isInterrupted()
                    ? "interrupted while running " + String.join(" ", command)
                    : String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
        }
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output().trim());
        }
        return result.output();
    }

    /** Kills what runs inside, then deletes the namespace; its veth pair and firewall rules go with it. */
    @Override
    public synchronized void close() {
        processes.forEach(ChildProcess::close);
        processes.clear();
        ExitCleanup.unregister(deleteAtExit);
        try {
            run("netns", "del", name);
        } catch (IOException ignored) {
            // not created, or already gone
        }
        try {
            run("link", "del", hostInterface);
        } catch (IOException alreadyGone) {
            // deleting the namespace deletes the pair; this only matters when the move into it failed
        }
    }
}
