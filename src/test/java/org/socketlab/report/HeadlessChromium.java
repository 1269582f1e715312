package org.socketlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium for opening a rendered report: a screenshot, or the DOM it built. */
public final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    public static String whyMissing() {
        return "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium)";
    }

    /** Runs headless Chromium to completion within a bounded time; returns what it printed on stdout. */
    public static String run(String... arguments) throws Exception {
        Path profile = Files.createTempDirectory("chromium-report");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile("chromium", ".out");
        Process chromium = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("Chromium finished within %d s", TIMEOUT_SECONDS).isTrue();
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
            Files.deleteIfExists(stdout);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
