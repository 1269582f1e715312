package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.socketlab.programs.ChildProcess;
import org.socketlab.programs.Ending;
import org.socketlab.programs.Limit;

/** Headless Chromium for opening a rendered report: a screenshot, or the DOM it built. */
public final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The DOM of the largest report is a few MiB; standard error is counted too, though not kept. */
    private static final long OUTPUT_LIMIT = 64L << 20;

    private HeadlessChromium() {
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    public static String whyMissing() {
        return "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium)";
    }

    /**
     * Runs headless Chromium to completion within a bounded time, its whole process tree killed after; returns what
     * it printed on stdout, line by line ({@code \n} after each).
     */
    public static String run(String... arguments) throws Exception {
        Path profile = Files.createTempDirectory("chromium-report");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        StringBuilder stdout = new StringBuilder();
        try (ChildProcess chromium = ChildProcess.command(command).timeLimit(TIMEOUT).outputLimit(OUTPUT_LIMIT)
                .onLine((stream, text) -> {
                    if (stream == ChildProcess.Stream.OUT) {
                        synchronized (stdout) {
                            stdout.append(text).append('\n');
                        }
                    }
                }).start()) {
            Optional<Ending> ending = chromium.awaitExit(TIMEOUT.plusSeconds(5));
            assertThat(ending.map(Ending::stoppedFor)).as("Chromium finished within %d s", TIMEOUT.toSeconds())
                    .contains(Limit.NONE);
            synchronized (stdout) {
                return stdout.toString();
            }
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
