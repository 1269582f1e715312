package org.socketlab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.socketlab.net.Output;

/** Runs socket-lab as a separate process (inside a second host), from its jar as a student would. */
final class SocketLabCommand {
    private SocketLabCommand() {
    }

    /**
     * {@code java -jar target/socket-lab.jar} when the jar is there ({@code -Dlab.jar} names it; Failsafe sets
     * it), else this JVM's class path with the CLI's main class.
     */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        Path jar = Path.of(System.getProperty("lab.jar", "target/socket-lab.jar"));
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.socketlab.cli.SocketLab"));
        }
        return command;
    }

    /** Copies the process's output, line by line, into a console, on a daemon thread. */
    static void copyLines(InputStream output, Output console) {
        Thread copier = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    console.println(line);
                }
            } catch (IOException ended) {
                // the process was stopped
            }
        }, "second-host-output");
        copier.setDaemon(true);
        copier.start();
    }
}
