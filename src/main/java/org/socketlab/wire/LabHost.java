package org.socketlab.wire;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketlab.programs.ChildProcess;

/**
 * A scenario's lab host: a private network namespace with only its own loopback (and the veth to a second host
 * when the scenario makes one), so the lab's ports are the real ports, scenarios run side by side, and a program
 * reaches nothing beyond it.
 *
 * <p>The namespace is held by one process:
 * {@code unshare --net --pid --mount --mount-proc --fork --kill-child bash -s} (and, for a user who is not root,
 * {@code --user --map-current-user --keep-caps}, as ../shared/FACTS.md measured). Its bash reads commands on its
 * standard input from this JVM, and runs what needs the namespace's privileges (ip, iptables, tcpdump); it answers
 * on its output, each line tagged with its command's number. Its /proc is its own. Everything in the lab
 * host is in the pid namespace of that bash: when the bash ends, the kernel kills every process left in it, and the
 * network and mount namespaces, their veths and mounts go with them. The bash ends when this JVM closes its input,
 * also when the JVM is killed, so nothing outlives the run.
 *
 * <p>A JVM cannot move itself into a namespace, but one thread can join a network namespace (setns); sockets that
 * thread creates, and the threads it starts, belong to the namespace. {@link #inside} runs socket-lab's own
 * programs that way, in this JVM, where the JVM may (root); {@link #command} starts any other program inside.
 */
public final class LabHost implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** How long a command that could not be typed waits for the shell's end, to say why it ended. */
    private static final Duration ENDED_WAIT = Duration.ofSeconds(1);
    /** How long {@link #close()} gives the shell to end by itself once its input is closed. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger NEXT_COMMAND = new AtomicInteger();
    private static volatile Optional<String> unavailable;

    private final ChildProcess holder;
    private long innerPid;
    private final Answers answers;
    private final Path directory;
    private final Optional<LabCgroup> cgroup;
    private boolean runFs;
    private int secondHosts;

    /** What a command run by the lab host's shell printed (stdout and stderr together), and its exit status. */
    record Result(int status, String output) {
    }

    private LabHost(ChildProcess holder, Answers answers, Path directory, Optional<LabCgroup> cgroup) {
        this.holder = holder;
        this.answers = answers;
        this.directory = directory;
        this.cgroup = cgroup;
    }

    /**
     * Why lab hosts cannot be made here, with the fix, or empty when they can. Found by making one, once per JVM:
     * the causes (another OS, Ubuntu's AppArmor restriction, a container without the right) all show there.
     * {@code -Dlab.isolation=none} turns isolation off.
     */
    public static Optional<String> unavailable() {
        if ("none".equals(System.getProperty("lab.isolation"))) { // read each time: a test may switch it off
            return Optional.of("isolation is switched off (-Dlab.isolation=none)");
        }
        Optional<String> known = unavailable;
        if (known == null) {
            synchronized (LabHost.class) {
                if (unavailable == null) {
                    unavailable = probe();
                }
                known = unavailable;
            }
        }
        return known;
    }

    private static Optional<String> probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of(System.getProperty("os.name") + " has no network namespaces (Linux only); "
                    + "run on Linux, e.g. in CI, for isolated lab hosts");
        }
        for (String tool : List.of("unshare", "ip", "bash")) {
            if (SystemPrograms.find(tool).isEmpty()) {
                return Optional.of("the " + tool + " command is not installed (Debian: apt-get install "
                        + (tool.equals("ip") ? "iproute2" : tool.equals("bash") ? "bash" : "util-linux") + ")");
            }
        }
        try (LabHost trial = create()) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("network namespaces cannot be made here: " + e.getMessage() + ". The fix: on Ubuntu "
                    + "23.10+ run `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`; in Docker run "
                    + "with --cap-add SYS_ADMIN or a seccomp profile that allows unshare; on RHEL 7 set "
                    + "user.max_user_namespaces above 0");
        }
    }

    /** Why a lab host's second host can have no firewall here (no iptables), or empty when it can. */
    public static Optional<String> firewallUnavailable() {
        return SystemPrograms.find("iptables").isPresent() ? Optional.empty()
                : Optional.of("the iptables command (Debian: apt-get install iptables) is not installed");
    }

    /** Whether this JVM is root, and so may move its own threads into a lab host ({@link #inside}). */
    public static boolean jvmMayJoin() {
        return ThreadInNamespace.JVM_IS_ROOT;
    }

    /** Makes a lab host: a fresh namespace whose loopback is up. */
    public static LabHost create() throws IOException {
        List<String> command = new ArrayList<>(List.of(SystemPrograms.find("unshare").orElseThrow().toString()));
        if (!ThreadInNamespace.JVM_IS_ROOT) {
            // Unprivileged: a user namespace of our own gives the capabilities inside, and only inside.
            command.addAll(List.of("--user", "--map-current-user", "--keep-caps"));
        }
        // --mount-proc: a /proc of the lab host's own, so its programs see no process of the machine's (nor, through
        // /proc/PID/ns, the machine's namespaces).
        command.addAll(List.of("--net", "--pid", "--mount", "--mount-proc", "--fork", "--kill-child", "--",
                SystemPrograms.find("bash").orElseThrow().toString(), "--noprofile", "--norc", "-s"));
        Path directory = LabHostDirectory.create();
        Optional<LabCgroup> cgroup = LabCgroup.create();
        Answers answers = new Answers();
        // Pipes: the shell reads its commands on one and answers on the other, for as long as the lab host lives,
        // so what it answers is not held to a program's output limit.
        ChildProcess holder;
        try {
            holder = ChildProcess.command(command).onLine(answers).outputLimit(Long.MAX_VALUE).start();
        } catch (IOException | RuntimeException e) {
            LabHostDirectory.delete(directory);
            cgroup.ifPresent(LabCgroup::remove);
            throw e;
        }
        try {
            LabHost host = new LabHost(holder, answers, directory, cgroup);
            host.shell(SystemPrograms.find("ip").orElseThrow() + " link set lo up");
            if (ThreadInNamespace.JVM_IS_ROOT) {
                Confinement.apply(host, directory);
            }
            // The bash is running now: it is unshare's only child, the namespace's first process.
            host.innerPid = ProcessHandle.of(holder.pid()).flatMap(h -> h.children().findFirst())
                    .map(ProcessHandle::pid).orElseThrow(() -> new IOException("the lab host's shell is gone"));
            return host;
        } catch (IOException | RuntimeException e) {
            holder.close();
            LabHostDirectory.delete(directory);
            cgroup.ifPresent(LabCgroup::remove);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** The pid (in this JVM's view) of the lab host's first process: {@code /proc/<pid>/net/...} is its table. */
    public long pid() {
        return innerPid;
    }

    /** The lab host's socket table, read without touching any program. */
    public SocketTable sockets() throws IOException {
        return SocketTable.of(String.valueOf(innerPid));
    }

    /**
     * Runs {@code work} on a fresh thread that has joined the lab host's network namespace, and waits for it:
     * every socket it opens and every thread it starts belong to the lab host. Only where {@link #jvmMayJoin()}.
     */
    public <T> T inside(Callable<T> work) throws Exception {
        return ThreadInNamespace.run("/proc/" + innerPid + "/ns/net", "lab-host-" + innerPid, work);
    }

    /**
     * The command line that runs {@code command} inside the lab host (its network and pid namespace), as this
     * JVM's user: {@code nsenter}, which starts it as a child of whoever starts this command line.
     */
    public List<String> command(List<String> command, Path directory) {
        List<String> full = new ArrayList<>(List.of(SystemPrograms.find("nsenter").orElseThrow().toString(),
                "--target", String.valueOf(innerPid)));
        if (!ThreadInNamespace.JVM_IS_ROOT) {
            full.addAll(List.of("--user", "--preserve-credentials"));
        }
        // Entering the mount namespace moves to its root: --wd keeps the program in its directory.
        full.addAll(List.of("--net", "--pid", "--mount", "--wd=" + directory.toAbsolutePath(), "--"));
        full.addAll(command);
        return full;
    }

    /**
     * The command line that runs a program inside the lab host, as {@link #command} does, within the limits the lab
     * host's programs share (a number of processes and memory, where this JVM may set them: {@link LabCgroup}).
     * For the lab's programs; socket-lab's Chromium, with its many processes, runs by {@link #command}.
     */
    public List<String> programCommand(List<String> command, Path directory) {
        // Joined here, before nsenter: inside the lab host the cgroups are read-only (Confinement).
        List<String> inside = command(command, directory);
        return cgroup.map(limits -> limits.joining(inside)).orElse(inside);
    }

    /** Whether the lab host's programs share limits on processes and memory here ({@link #programCommand}). */
    public boolean sharedLimits() {
        return cgroup.isPresent();
    }

    /**
     * The command line that runs {@code command} inside the second host: its network namespace, and the lab host's
     * user, pid and mount namespaces, so it ends with the lab host like everything else there.
     */
    public List<String> commandInSecondHost(SecondHostLink second, List<String> command, Path directory) {
        List<String> full = new ArrayList<>(List.of(SystemPrograms.find("nsenter").orElseThrow().toString()));
        if (!ThreadInNamespace.JVM_IS_ROOT) {
            full.addAll(List.of("--user=/proc/" + innerPid + "/ns/user", "--preserve-credentials"));
        }
        full.addAll(List.of("--net=" + second.namespacePath(), "--pid=/proc/" + innerPid + "/ns/pid",
                "--mount=/proc/" + innerPid + "/ns/mnt", "--wd=" + directory.toAbsolutePath(), "--"));
        full.addAll(command);
        return full;
    }

    /** A file in the lab host's own temporary directory (captures), removed on {@link #close()}. */
    Path file(String name) {
        return directory.resolve(name);
    }

    /** Runs a shell command line in the lab host, with its privileges there; fails with its output if it fails. */
    String shell(String commandLine) throws IOException {
        Result result = run(commandLine);
        if (result.status() != 0) {
            throw new IOException(commandLine + " failed (" + result.status() + "): " + result.output().trim());
        }
        return result.output();
    }

    /** Starts a command in the background in the lab host's shell (tcpdump), its output into a file. */
    void background(String commandLine, Path output) throws IOException {
        shell("( " + commandLine + " ) >" + quote(output.toString()) + " 2>&1 </dev/null &");
    }

    private Result run(String commandLine) throws IOException {
        int id = NEXT_COMMAND.incrementAndGet();
        CompletableFuture<Result> answer = answers.expect(id);
        try {
            try {
                // One write, the command line and the line after it, so commands typed at once do not interleave.
                holder.type("{ " + commandLine + "\n} 2>&1 </dev/null | while IFS= read -r l; do echo \"@" + id
                        + "> $l\"; done; echo \"@" + id + "= ${PIPESTATUS[0]}\"");
            } catch (IOException e) {
                if (holder.awaitExit(ENDED_WAIT).isEmpty()) {
                    throw e;
                }
                throw ended();
            }
            if (holder.awaitOutput(answer::isDone, COMMAND_TIMEOUT)) {
                return answer.join();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IOException("interrupted while running " + commandLine);
            }
            if (!holder.isAlive()) {
                throw ended();
            }
            throw new IOException(commandLine + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
        } finally {
            answers.forget(id);
        }
    }

    /** The shell has ended: what it or {@code unshare} said, which was no answer, tells why. */
    private IOException ended() {
        return new IOException("the lab host ended" + answers.unexpected());
    }

    /**
     * Reads the shell's answers, on the holder's reader threads: {@code @N> line} is a line of command N's output,
     * {@code @N= status} its end. Any other line is the shell's or {@code unshare}'s own (why it could not start).
     */
    private static final class Answers implements ChildProcess.OutputListener {
        private final ConcurrentHashMap<Integer, CompletableFuture<Result>> pending = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<Integer, StringBuilder> outputs = new ConcurrentHashMap<>();
        private final StringBuilder unexpected = new StringBuilder();

        CompletableFuture<Result> expect(int id) {
            CompletableFuture<Result> answer = new CompletableFuture<>();
            pending.put(id, answer);
            outputs.put(id, new StringBuilder());
            return answer;
        }

        void forget(int id) {
            pending.remove(id);
            outputs.remove(id);
        }

        /** The lines that were no answer, after ": ", or "" if there were none. */
        synchronized String unexpected() {
            return unexpected.length() == 0 ? "" : ": " + unexpected.toString().trim();
        }

        @Override
        public void line(ChildProcess.Stream stream, String line) {
            int mark = line.startsWith("@") ? Math.max(line.indexOf("> "), line.indexOf("= ")) : -1;
            Integer id = mark > 1 && line.substring(1, mark).matches("[0-9]+")
                    ? Integer.valueOf(line.substring(1, mark)) : null;
            if (id == null) {
                synchronized (this) {
                    unexpected.append(line).append('\n');
                }
            } else if (line.charAt(mark) == '>') {
                outputs.getOrDefault(id, new StringBuilder()).append(line.substring(mark + 2)).append('\n');
            } else {
                StringBuilder output = outputs.getOrDefault(id, new StringBuilder());
                CompletableFuture<Result> answer = pending.get(id);
                if (answer != null) {
                    answer.complete(new Result(Integer.parseInt(line.substring(mark + 2).trim()), output.toString()));
                }
            }
        }
    }

    // ---- a second host --------------------------------------------------------------------------------------

    /** A second host inside this lab host, joined to it by a veth pair. */
    public record SecondHostLink(String name, String address, String localAddress, String hostInterface,
            String namespacePath) {
    }

    /**
     * Makes a second host: a network namespace of its own (named inside this lab host's private mount of
     * {@code /run/netns}, so it goes with the lab host), joined by a veth pair on 10.213.N.0/30.
     */
    public synchronized SecondHostLink addSecondHost() throws IOException {
        String ip = SystemPrograms.find("ip").orElseThrow().toString();
        if (!runFs) {
            // A tmpfs of the lab host's own: the second host's name lives and dies with this mount namespace.
            shell("if [ -d /run/netns ] || mkdir -p /run/netns 2>/dev/null; then mount -t tmpfs tmpfs /run/netns; "
                    + "else mount -t tmpfs tmpfs /run && mkdir -p /run/netns; fi");
            runFs = true;
        }
        int n = ++secondHosts;
        String name = "second" + n;
        String local = "10.213." + n + ".1";
        String remote = "10.213." + n + ".2";
        String here = "veth" + n + "h";
        String there = "veth" + n + "p";
        shell(ip + " netns add " + name + " && " + ip + " link add " + here + " type veth peer name " + there
                + " && " + ip + " link set " + there + " netns " + name + " && " + ip + " addr add " + local
                + "/30 dev " + here + " && " + ip + " link set " + here + " up && " + ip + " -n " + name
                + " addr add " + remote + "/30 dev " + there + " && " + ip + " -n " + name + " link set " + there
                + " up && " + ip + " -n " + name + " link set lo up");
        return new SecondHostLink(name, remote, local, here, "/proc/" + innerPid + "/root/run/netns/" + name);
    }

    /** A firewall rule in the second host: {@code DROP} discards silently, {@code REJECT} answers with ICMP. */
    public void firewall(SecondHostLink second, String protocol, int port, String target) throws IOException {
        String iptables = SystemPrograms.find("iptables").orElseThrow(
                () -> new IOException("the iptables command (Debian: apt-get install iptables) is not installed"))
                .toString();
        shell(SystemPrograms.find("ip").orElseThrow() + " netns exec " + second.name() + " " + iptables
                + " -A INPUT -p " + protocol + " --dport " + port + " -j " + target);
    }

    /**
     * Runs {@code work} on a thread that joined the second host's network namespace (as {@link #inside}).
     */
    public <T> T insideSecondHost(SecondHostLink second, Callable<T> work) throws Exception {
        return ThreadInNamespace.run(second.namespacePath(), "second-host-" + second.name(), work);
    }

    // ---- the end --------------------------------------------------------------------------------------------

    /**
     * Ends the lab host: its shell's input closes, the shell ends, and the kernel kills every process still in its
     * pid namespace; the network namespaces, veths and mounts go with the last of them. Waits for that (bounded).
     */
    @Override
    public void close() {
        try {
            holder.closeInput();
        } catch (IOException alreadyGone) {
            // the shell ended already
        }
        holder.awaitExit(CLOSE_WAIT);
        holder.close(); // should the shell not have ended, it is killed with everything it started
        LabHostDirectory.delete(directory);
        cgroup.ifPresent(LabCgroup::remove);
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
