package org.socketlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that runs socket-lab as a separate process (inside a second host), from its jar as a student would. */
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
}
