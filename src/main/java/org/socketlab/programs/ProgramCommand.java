package org.socketlab.programs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command that runs a student's own program in one role, as a person would type it, run from the project's
 * directory, e.g. {@code python3 submission/udp_server.py {port}}. {@code {host}} and {@code {port}} stand for the
 * scenario's host and port; a command without {@code {port}} uses the port written inside the program.
 *
 * @param role        e.g. {@code udp-server}, or a role a feature names as {@code the program "NAME"}
 * @param commandLine the setting's value, as written
 * @param words       the command line split into words ({@link #split}), placeholders still in them
 * @param projectDir  the directory the command runs from, against which its files are looked up (absolute)
 */
public record ProgramCommand(String role, String commandLine, List<String> words, Path projectDir) {
    public static final String HOST = "{host}";
    public static final String PORT = "{port}";

    public ProgramCommand {
        words = List.copyOf(words);
        projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** A command run from the working directory. */
    public ProgramCommand(String role, String commandLine, List<String> words) {
        this(role, commandLine, words, Path.of(""));
    }

    /**
     * The command for a setting's value, split into words.
     *
     * @throws IllegalArgumentException when the quoting is broken, with the reason
     */
    public static ProgramCommand of(String role, String commandLine, Path projectDir) {
        return new ProgramCommand(role, commandLine, split(commandLine), projectDir);
    }

    /** The words to run, {@code {host}} and {@code {port}} replaced. */
    public List<String> resolve(String host, int port) {
        String portText = Integer.toString(port);
        return words.stream().map(word -> word.replace(HOST, host).replace(PORT, portText)).toList();
    }

    /** Whether the scenario's port is passed on the command line; otherwise the program uses its own. */
    public boolean takesPort() {
        return words.stream().anyMatch(word -> word.contains(PORT));
    }

    /** Whether the scenario's host is passed on the command line. */
    public boolean takesHost() {
        return words.stream().anyMatch(word -> word.contains(HOST));
    }

    /** The program: the first word. */
    public String program() {
        return words.isEmpty() ? "" : words.get(0);
    }

    /**
     * The files the command names: each word (without a placeholder) that is an existing regular file relative to
     * {@link #projectDir}, the program itself when it is given as a path ({@code ./server},
     * {@code submission/server}); absolute and normalized, each once, in the command's order.
     */
    public List<Path> files() {
        return List.copyOf(namedFiles().values());
    }

    /**
     * {@link #files()}, each under the name the command gives it, normalized ({@code ./server} is {@code server},
     * {@code ../shared/a.py} stays so, an absolute path stays absolute), with {@code /} between names.
     */
    public Map<String, Path> namedFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.isEmpty() || word.contains(HOST) || word.contains(PORT) || (i == 0 && !word.contains("/"))) {
                continue;
            }
            Path file = projectDir.resolve(word).normalize();
            if (Files.isRegularFile(file) && !files.containsValue(file)) {
                files.put(Path.of(word).normalize().toString().replace(File.separatorChar, '/'), file);
            }
        }
        return Collections.unmodifiableMap(files);
    }

    /**
     * Splits a command line into words as a POSIX shell would, without running one and without expanding
     * anything: blanks separate words; {@code '...'} keeps everything inside as it is; {@code "..."} keeps it
     * too, except that a backslash there escapes {@code "} and {@code \}; outside quotes a backslash escapes any
     * character. {@code ""} is an empty word.
     *
     * @throws IllegalArgumentException for an unterminated quote or a backslash at the end
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("the ' quote opened at character " + (i + 1)
                            + " is not closed");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int start = i;
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("the \" quote opened at character " + (start + 1)
                                + " is not closed");
                    }
                    char d = line.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"'
                            || line.charAt(i + 1) == '\\')) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("it ends with a backslash that escapes nothing");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }
}
