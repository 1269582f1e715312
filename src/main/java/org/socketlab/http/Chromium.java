package org.socketlab.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.socketlab.net.Durations;
import org.socketlab.net.Limits;
import org.socketlab.net.Output;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.ChildProcessBuilder;
import org.socketlab.programs.Ending;
import org.socketlab.programs.Limit;

/**
 * Headless Chromium as a {@link PageClient}: each load is one launch with {@code --dump-dom}, and every launch of
 * one instance uses the same fresh profile ({@code --user-data-dir}), so the second launch finds the first one's
 * HTTP cache on disk, as a browser restarted by a student would.
 *
 * <p>{@code --dump-dom} exits 0 even when the page failed to load (it prints Chromium's error page), so a load
 * counts as loaded only if the DOM holds {@link LabOrigin#PAGE_MARKER}. The page's URL must name a made-up host
 * such as {@code lab.test}: Chromium bypasses proxies for {@code localhost} and {@code 127.0.0.1}.
 *
 * <p>Every wait is bounded ({@link Limits#BROWSER_LOAD_TIMEOUT}), and every launch ends with no Chromium process
 * left: the ones the launch started are found by their parent and by the work directory in their command line
 * (the crash handler is re-parented to init, so only the latter finds it) and killed if still running.
 * {@link #close()} deletes the work directory. Not thread-safe: one load at a time.
 */
public final class Chromium implements PageClient {
    /** The system property that names the Chromium binary, overriding the search. */
    public static final String PROPERTY = "lab.chromium";

    /** Where Debian, Ubuntu and snap put it; Debian's {@code /usr/bin/chromium} is a wrapper script. */
    static final List<Path> KNOWN_PATHS = List.of(Path.of("/usr/lib/chromium/chromium"),
            Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"), Path.of("/snap/bin/chromium"));

    /** How long the processes a launch left may take to end on their own before they are killed. */
    private static final Duration GRACE = Duration.ofSeconds(3);
    /** How long {@code chromium --version} may take. */
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    /** Output kept per launch: the DOM of a lab page and Chromium's logging are far smaller. */
    private static final long OUTPUT_LIMIT = 32L << 20;
    /** The lines of standard error shown when a load fails. */
    private static final int ERROR_LINES = 15;

    private final Path binary;
    private final Duration timeout;
    private Path workDir;
    private String name;

    private Chromium(Path binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Chromium from {@code -Dlab.chromium} or the known paths, or empty: {@link #whyMissing()} says why. */
    public static Optional<Chromium> find() {
        return locate().binary().map(binary -> new Chromium(binary, Limits.BROWSER_LOAD_TIMEOUT));
    }

    /** Why {@link #find()} is empty, naming where it looked and how to fix it; empty when Chromium was found. */
    public static String whyMissing() {
        return locate().explanation();
    }

    /** Where a binary was found and how, or why none was. */
    record Lookup(Optional<Path> binary, String explanation) {
    }

    static Lookup locate() {
        return locate(System.getProperty(PROPERTY));
    }

    /** The search, given the property's value (null when unset). */
    static Lookup locate(String property) {
        if (property != null && !property.isBlank()) {
            Path named = Path.of(property.strip());
            // A binary named on purpose that is not there is a mistake to report, not a reason to use another.
            return executable(named) ? new Lookup(Optional.of(named), "")
                    : new Lookup(Optional.empty(), "-D" + PROPERTY + "=" + property + " is not an executable file");
        }
        for (Path candidate : KNOWN_PATHS) {
            if (executable(candidate)) {
                return new Lookup(Optional.of(candidate), "");
            }
        }
        return new Lookup(Optional.empty(), "Chromium is not installed: looked for " + KNOWN_PATHS.stream()
                .map(Path::toString).reduce((a, b) -> a + ", " + b).orElseThrow() + " and -D" + PROPERTY
                + " is not set; install it (apt-get install chromium) or name the binary with -D" + PROPERTY
                + "=/path/to/chromium");
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** The binary this instance runs. */
    public Path binary() {
        return binary;
    }

    /** {@code Chromium 150.0.7871.100}, from {@code chromium --version}, asked once. */
    @Override
    public synchronized String name() {
        if (name == null) {
            name = askVersion();
        }
        return name;
    }

    private String askVersion() {
        StringBuilder printed = new StringBuilder();
        Path dir;
        try {
            dir = workDir();
        } catch (IOException e) {
            return "Chromium (" + binary + "; --version failed: " + e.getMessage() + ")";
        }
        try (ChildProcess version = ChildProcess.command(List.of(binary.toString(), "--version"))
                .onLine((stream, text) -> appendLine(printed, text)).timeLimit(VERSION_TIMEOUT).start()) {
            try {
                Optional<Ending> ending = version.awaitExit(VERSION_TIMEOUT.plus(GRACE));
                if (ending.isPresent() && Integer.valueOf(0).equals(ending.get().exitCode())) {
                    String text = printed(printed).strip();
                    return text.isEmpty() ? "Chromium (" + binary + ")" : text;
                }
                return "Chromium (" + binary + "; --version did not answer)";
            } finally {
                killAll(version, dir, null);
            }
        } catch (IOException e) {
            return "Chromium (" + binary + "; --version failed: " + e.getMessage() + ")";
        }
    }

    /** Appends a line the reader thread handed on; read back with {@link #printed}. */
    private static void appendLine(StringBuilder text, String line) {
        synchronized (text) {
            text.append(line).append('\n');
        }
    }

    private static String printed(StringBuilder text) {
        synchronized (text) {
            return text.toString();
        }
    }

    /**
     * Launches Chromium once on the page through the proxy and waits for it to exit (at most
     * {@link Limits#BROWSER_LOAD_TIMEOUT}); prints the command, the exit and how long it took to the console.
     */
    @Override
    public LoadResult load(URI page, InetSocketAddress proxy, Output console) throws IOException {
        Path dir = workDir();
        List<String> command = command(dir, proxy.getAddress().getHostAddress() + ":" + proxy.getPort(), page);
        StringBuilder dom = new StringBuilder();
        Deque<String> errors = new ArrayDeque<>();
        console.println("$ " + String.join(" ", command));
        long start = System.nanoTime();
        try (ChildProcess chromium = launch(dir, command).timeLimit(timeout)
                .onLine((stream, text) -> {
                    if (stream == ChildProcess.Stream.OUT) {
                        appendLine(dom, text);
                    } else {
                        keepLast(errors, text);
                    }
                }).start()) {
            try {
                chromium.closeInput();
                Optional<Ending> ending = chromium.awaitExit(timeout.plus(GRACE));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                if (ending.isEmpty() && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while Chromium was loading " + page);
                }
                if (ending.isEmpty() || ending.get().stoppedFor() == Limit.TIME) {
                    String detail = "Chromium did not exit within " + Durations.format(timeout) + " and was killed";
                    console.printError(detail);
                    printTail(errors, console);
                    return new LoadResult(false, detail, took);
                }
                if (ending.get().stoppedFor() == Limit.OUTPUT) {
                    String detail = "Chromium printed more than " + OUTPUT_LIMIT + " bytes and was killed";
                    console.printError(detail);
                    printTail(errors, console);
                    return new LoadResult(false, detail, took);
                }
                String exitCode = String.valueOf(ending.get().exitCode());
                boolean loaded = printed(dom).contains("id=\"" + LabOrigin.PAGE_MARKER + "\"");
                String detail = loaded ? "the DOM contains #" + LabOrigin.PAGE_MARKER
                        : "the DOM has no #" + LabOrigin.PAGE_MARKER + ", so the page did not load (exit code "
                                + exitCode + " says nothing: --dump-dom exits 0 on an error page too)";
                console.println("chromium exited with code " + exitCode + " after " + Durations.format(took)
                        + "; " + detail);
                if (!loaded) {
                    printTail(errors, console);
                }
                return new LoadResult(loaded, detail, took);
            } finally {
                killAll(chromium, dir, console);
            }
        }
    }

    /** Headless Chromium on the page through an HTTP proxy ({@code host:port}), its profile in {@code dir}. */
    private List<String> command(Path dir, String proxy, URI page) {
        return headless(dir.resolve("profile"), "--disable-quic", "--disable-sync", "--proxy-server=http://" + proxy,
                "--dump-dom", page.toString());
    }

    /** Headless Chromium with its profile in {@code profile}, quiet (no first run, no updates), then {@code more}. */
    private List<String> headless(Path profile, String... more) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-extensions", "--user-data-dir=" + profile));
        command.addAll(List.of(more));
        return command;
    }

    /**
     * A launch of {@code command} with Chromium's configuration and cache in {@code dir}, and its output bounded.
     * The crash handler Chromium forks is re-parented to init and names only its crash database: putting that
     * database (under XDG_CONFIG_HOME) in our directory lets killAll find it, and keeps $HOME clean.
     */
    private static ChildProcessBuilder launch(Path dir, List<String> command) {
        return ChildProcess.command(command)
                .environment("XDG_CONFIG_HOME", dir.resolve("config").toString())
                .environment("XDG_CACHE_HOME", dir.resolve("cache").toString())
                .outputLimit(OUTPUT_LIMIT);
    }

    /**
     * Starts Chromium on the page with {@code proxy} ({@code host:port}) as its HTTP proxy and leaves it running,
     * where {@code place} puts the command (inside a lab host, beside the proxy); closing the result ends every
     * process it started. For the assignment's Part 2 as written: a proxy that only prints what it receives (the
     * line server) never answers, so the page never loads and there is nothing to wait for but the request.
     */
    public AutoCloseable browse(URI page, String proxy, UnaryOperator<List<String>> place, Output console)
            throws IOException {
        Path dir = workDir();
        List<String> command = command(dir, proxy, page);
        console.println("$ " + String.join(" ", command));
        ChildProcess chromium = launch(dir, place.apply(command)).timeLimit(timeout)
                .onLine((stream, text) -> { }) // the DOM of a page that never loads, and Chromium's own chatter
                .start();
        chromium.closeInput();
        return () -> killAll(chromium, dir, console);
    }

    /**
     * Prints a page to a PDF file, as the page's print stylesheet lays it out, without Chromium's own header and
     * footer (the page's {@code @page} margin boxes are its footer). Blocks until Chromium exited, at most
     * {@code limit}; no process of the launch is left.
     *
     * @throws IOException when Chromium cannot start, does not finish in time, or exits without writing the PDF;
     *                     the message says which, with Chromium's last line on standard error
     */
    public void printToPdf(URI page, Path pdf, Duration limit) throws IOException {
        Path dir = workDir();
        Files.deleteIfExists(pdf);
        List<String> command = headless(dir.resolve("print"), "--no-pdf-header-footer",
                "--print-to-pdf=" + pdf.toAbsolutePath(), page.toString());
        Deque<String> errors = new ArrayDeque<>();
        try (ChildProcess chromium = launch(dir, command).timeLimit(limit)
                .onLine((stream, text) -> keepLast(errors, text)).start()) {
            try {
                chromium.closeInput();
                Optional<Ending> ending = chromium.awaitExit(limit.plus(GRACE));
                String last;
                synchronized (errors) {
                    last = errors.isEmpty() ? "" : "; its last line: " + errors.peekLast();
                }
                if (ending.isEmpty() || ending.get().stoppedFor() != Limit.NONE) {
                    throw new IOException("Chromium did not print " + page + " within " + Durations.format(limit)
                            + last);
                }
                if (!Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                    throw new IOException("Chromium exited with code " + ending.get().exitCode()
                            + " without writing " + pdf + last);
                }
            } finally {
                killAll(chromium, dir, null);
            }
        }
    }

    /** Keeps standard error's last {@link #ERROR_LINES} lines. */
    private static void keepLast(Deque<String> errors, String line) {
        synchronized (errors) {
            errors.addLast(line);
            if (errors.size() > ERROR_LINES) {
                errors.removeFirst();
            }
        }
    }

    private static void printTail(Deque<String> errors, Output console) {
        console.printError("chromium's last lines on standard error:");
        synchronized (errors) {
            errors.forEach(line -> console.printError("  " + line));
        }
    }

    /**
     * Ends every process of a launch: first lets them exit on their own for a moment (the network service may
     * still be writing the disk cache the next launch needs), then kills what is left and waits for it: the
     * launch's own tree through {@link ChildProcess#close()}, the processes found by the work directory (which
     * left the tree) here.
     */
    static void killAll(ChildProcess launch, Path dir, Output console) {
        Set<ProcessHandle> ours = new LinkedHashSet<>();
        ProcessHandle.of(launch.pid()).ifPresent(root -> {
            ours.add(root);
            root.descendants().forEach(ours::add);
        });
        ours.addAll(processesUsing(dir));
        awaitExit(ours, GRACE);
        launch.close();
        ours.addAll(processesUsing(dir));
        ours.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(ours, Duration.ofSeconds(5));
        List<ProcessHandle> left = ours.stream().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty() && console != null) {
            console.printError("could not end Chromium processes " + left.stream().map(p -> String.valueOf(p.pid()))
                    .reduce((a, b) -> a + ", " + b).orElseThrow());
        }
    }

    private static void awaitExit(Set<ProcessHandle> processes, Duration limit) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            // The caller kills what is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live processes whose command line names the directory: every Chromium process a launch started. */
    static List<ProcessHandle> processesUsing(Path dir) {
        String marker = dir.toString();
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && p.isAlive())
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .toList();
    }

    /** The directory holding the profile, the DOM dumps and Chromium's standard error; created on first use. */
    synchronized Path workDir() throws IOException {
        if (workDir == null) {
            workDir = Files.createTempDirectory("socket-lab-chromium-");
        }
        return workDir;
    }

    /** Kills anything left of the launches and deletes the work directory. */
    @Override
    public synchronized void close() {
        if (workDir == null) {
            return;
        }
        List<ProcessHandle> left = processesUsing(workDir);
        left.forEach(ProcessHandle::destroyForcibly);
        awaitExit(new LinkedHashSet<>(left), Duration.ofSeconds(5));
        try (Stream<Path> files = Files.walk(workDir)) {
            List<Path> deepestFirst = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // A file Chromium was still writing; the temp directory is cleaned by the system eventually.
        }
        workDir = null;
    }
}
