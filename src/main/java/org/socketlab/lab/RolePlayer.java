package org.socketlab.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.socketlab.programs.ProgramCommand;

/**
 * Who plays a role as a command: the student's program, or socket-lab's own run as {@code java -jar
 * socket-lab.jar ROLE ...} inside the lab host, where this JVM may not run it on a thread there (not root).
 *
 * @param command the command, {@code {host}} and {@code {port}} still in it
 * @param own     socket-lab's own program: its exit status names its outcome, and it is shown as {@code socket-lab}
 */
record RolePlayer(ProgramCommand command, boolean own) {
    static RolePlayer students(ProgramCommand command) {
        return new RolePlayer(command, false);
    }

    /**
     * socket-lab's own program for the role ({@code udp-client-connected} is {@code udp-client --connected}), with
     * the options given ({@code --port {port}}, ...).
     */
    static RolePlayer own(String role, List<String> options) {
        List<String> words = new ArrayList<>(SocketLabCommand.javaCommand());
        words.add(role.replace("-connected", ""));
        if (role.endsWith("-connected")) {
            words.add("--connected");
        }
        words.addAll(options);
        return new RolePlayer(new ProgramCommand(role, String.join(" ", words), words, Path.of("")), true);
    }

    /** The command as a person would type it: socket-lab's own as {@code socket-lab ...}, not the java command. */
    String shown(String host, int port) {
        List<String> words = command.resolve(host, port);
        if (!own) {
            return String.join(" ", words);
        }
        int java = SocketLabCommand.javaCommand().size();
        return "socket-lab " + words.subList(java, words.size()).stream().map(ShownCommand::quotedIfNeeded)
                .collect(Collectors.joining(" "));
    }
}
