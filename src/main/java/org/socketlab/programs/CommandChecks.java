package org.socketlab.programs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a {@code lab.program.ROLE} command passes when the settings load ({@link ProgramSettings}): only the
 * {@code {host}} and {@code {port}} placeholders, the program on the PATH or an executable file, and each word that
 * looks like a file existing relative to the project directory.
 */
final class CommandChecks {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
    /** Words ending in these name a file, which must exist. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("py", "pyw", "js", "mjs", "cjs", "ts", "c", "cc",
            "cpp", "h", "go", "rs", "java", "class", "jar", "kt", "kts", "rb", "pl", "php", "lua", "sh", "bash", "exe");

    private CommandChecks() {
    }

    /** What is wrong with a command, or null. */
    static String problem(ProgramCommand command, String searchPath) {
        Matcher placeholder = PLACEHOLDER.matcher(command.commandLine());
        while (placeholder.find()) {
            String found = placeholder.group();
            if (!found.equals(ProgramCommand.HOST) && !found.equals(ProgramCommand.PORT)) {
                return "unknown placeholder " + found + "; only {host} and {port} are replaced";
            }
        }
        Path dir = command.projectDir();
        String program = command.program();
        if (program.isEmpty()) {
            return "the program's name is empty";
        }
        if (!hasPlaceholder(program)) {
            if (program.contains("/")) {
                Path file = dir.resolve(program).normalize();
                if (!Files.exists(file)) {
                    return "no program " + program + " (looked for " + file + ")";
                }
                if (Files.isDirectory(file)) {
                    return program + " is a directory, not a program (" + file + ")";
                }
                if (!Files.isExecutable(file)) {
                    return program + " is not executable (chmod +x " + program + ", or name its interpreter first, "
                            + "e.g. python3 " + program + ")";
                }
            } else if (onPath(program, searchPath) == null) {
                String hint = Files.isRegularFile(dir.resolve(program))
                        ? "; to run the file " + program + " in the project directory, write ./" + program : "";
                return "no program " + program + " on the PATH (" + (searchPath == null ? "" : searchPath) + ")"
                        + hint;
            }
        }
        List<String> words = command.words();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (looksLikeFile(word)) {
                Path file = dir.resolve(word).normalize();
                if (!Files.exists(file)) {
                    return "no file " + word + " (looked for " + file + ")";
                }
                if (!Files.isReadable(file)) {
                    return "the file " + word + " cannot be read (" + file + ")";
                }
            }
        }
        return null;
    }

    private static boolean hasPlaceholder(String word) {
        return word.contains(ProgramCommand.HOST) || word.contains(ProgramCommand.PORT);
    }

    /** A word that names a file: it contains {@code /} or ends in a source or program extension; not an option. */
    private static boolean looksLikeFile(String word) {
        if (word.isEmpty() || word.startsWith("-") || hasPlaceholder(word) || word.contains("://")) {
            return false;
        }
        if (word.contains("/")) {
            return true;
        }
        int dot = word.lastIndexOf('.');
        return dot > 0 && FILE_EXTENSIONS.contains(word.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The executable a bare name runs, searched as execvp does, or null. */
    static Path onPath(String program, String searchPath) {
        if (searchPath == null) {
            return null;
        }
        for (String entry : searchPath.split(Pattern.quote(File.pathSeparator), -1)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
