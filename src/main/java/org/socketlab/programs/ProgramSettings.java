package org.socketlab.programs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.socketlab.model.FileDigest;
import org.socketlab.model.ProgramInfo;
import org.socketlab.net.Durations;

/**
 * Which program plays each role: the student's own (any language, unmodified), named by a {@code lab.program.ROLE}
 * key, or socket-lab's own when the key is absent or empty.
 *
 * <p>Keys come from {@code lab.properties} in the project directory (another file with
 * {@code -Dlab.properties=FILE}); a system property of the same name wins, e.g.
 * {@code mvn verify -Dlab.program.udp-server="python3 submission/udp_server.py {port}"}. The roles are the built-in
 * ones ({@link #BUILT_IN_ROLES}) and every role a feature file names as {@code the program "NAME"}.
 *
 * <p>Each value is a command line as a person would type it, run from the project directory, split into words
 * by {@link ProgramCommand#split} (no shell). Every value is checked when the settings load, before any scenario
 * runs: the role is known, the quoting is closed, the only placeholders are {@code {host}} and {@code {port}}, the
 * program is on the PATH or is an existing executable file, and each word that looks like a file (contains
 * {@code /} or ends in a source or program extension such as {@code .py}) exists relative to the project
 * directory. A problem is a {@link SettingsException} whose message is one line naming the key and the value.
 *
 * <p>Immutable.
 */
public final class ProgramSettings {
    /** The keys' prefix: {@code lab.program.ROLE}. */
    public static final String PREFIX = "lab.program.";
    /** The role of a UDP client that connects its socket first (socket-lab's {@code udp-client --connected}). */
    public static final String CONNECTED_UDP_CLIENT = "udp-client-connected";
    /**
     * {@code lab.requirePrograms=true}: a role the student names no program for is not played by socket-lab's own
     * program (which would earn its points for an empty submission); a step that needs it is skipped instead.
     */
    public static final String REQUIRE_PROGRAMS = "lab.requirePrograms";
    /**
     * {@code lab.readyWithin=10s}: how long a student's server has to bind its port before the step fails (a program
     * that starts a JVM or compiles first may need more).
     */
    public static final String READY_WITHIN = "lab.readyWithin";
    static final Duration DEFAULT_READY_WITHIN = Duration.ofSeconds(10);
    /** The roles socket-lab's own steps run, in the order the report lists them. */
    public static final List<String> BUILT_IN_ROLES = List.of("udp-server", "udp-client", "tcp-server", "tcp-client",
            "line-server", CONNECTED_UDP_CLIENT);
    /** How a feature names a role through the generic steps: {@code the program "NAME"}. */
    static final Pattern FEATURE_ROLE = Pattern.compile("program \"([A-Za-z0-9_.-]+)\"");
    /** socket-lab's own subcommands that a role may be named after. */
    private static final Set<String> OWN_SUBCOMMANDS = Set.of("udp-server", "udp-client", "tcp-server", "tcp-client",
            "line-server", "line-client", "proxy", "origin");
    private static final String PROPERTIES_FILE = PropertiesFile.NAME;
    private static final String FEATURES_DIR = "features";

    private final Path projectDir;
    private final Set<String> knownRoles;
    private final Map<String, ProgramCommand> programs;
    private final boolean requirePrograms;
    private final Duration readyWithin;

    private ProgramSettings(Path projectDir, Set<String> knownRoles, Map<String, ProgramCommand> programs,
            boolean requirePrograms, Duration readyWithin) {
        this.projectDir = projectDir;
        this.knownRoles = Collections.unmodifiableSet(knownRoles);
        this.programs = Collections.unmodifiableMap(programs);
        this.requirePrograms = requirePrograms;
        this.readyWithin = readyWithin;
    }

    /**
     * Reads and checks the settings.
     *
     * @param projectDir       where {@code lab.properties} is, and where the programs run from
     * @param featuresDir      the feature files (searched recursively for {@code the program "NAME"}); relative
     *                         to {@code projectDir} unless absolute; may be absent
     * @param systemProperties overrides: {@code lab.program.*} keys, and {@code lab.properties} naming another file
     * @throws SettingsException when a setting cannot be used, or a file cannot be read: one line
     */
    public static ProgramSettings load(Path projectDir, Path featuresDir, Properties systemProperties)
            throws SettingsException {
        return load(projectDir, featuresDir, systemProperties, System.getenv("PATH"));
    }

    /** {@link #load(Path, Path, Properties)} with the PATH to look programs up in. */
    static ProgramSettings load(Path projectDir, Path featuresDir, Properties systemProperties, String searchPath)
            throws SettingsException {
        Path dir = projectDir.toAbsolutePath().normalize();
        Set<String> known = new LinkedHashSet<>(BUILT_IN_ROLES);
        known.addAll(featureRoles(dir.resolve(featuresDir)));

        Path file = dir.resolve(systemProperties.getProperty(PROPERTIES_FILE, PROPERTIES_FILE)).normalize();
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : propertiesFile(file).entrySet()) {
            settings.put(entry.getKey(), new Setting(entry.getKey(), entry.getValue(), "in " + display(dir, file)));
        }
        boolean requirePrograms = requirePrograms(takeSetting(settings, systemProperties, REQUIRE_PROGRAMS));
        Duration readyWithin = readyWithin(takeSetting(settings, systemProperties, READY_WITHIN));
        for (String key : systemProperties.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                settings.put(key, new Setting(key, systemProperties.getProperty(key), "(given with -D)"));
            }
        }

        // Checked in the roles' order, then unknown keys by name, so the same mistake always reads the same.
        List<Setting> ordered = new ArrayList<>();
        for (String role : known) {
            Setting setting = settings.remove(PREFIX + role);
            if (setting != null) {
                ordered.add(setting);
            }
        }
        settings.values().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(ordered::add);

        List<String> problems = new ArrayList<>();
        Map<String, ProgramCommand> programs = new LinkedHashMap<>();
        for (Setting setting : ordered) {
            String role = setting.key().substring(PREFIX.length());
            if (!known.contains(role)) {
                problems.add(setting.describe() + ": unknown role \"" + role + "\"; the known roles are "
                        + String.join(", ", known) + " (a feature adds one by naming it as the program \"NAME\")");
                continue;
            }
            if (setting.value() == null || setting.value().isBlank()) {
                continue; // socket-lab's own program
            }
            try {
                ProgramCommand command = ProgramCommand.of(role, setting.value().strip(), dir);
                String problem = CommandChecks.problem(command, searchPath);
                if (problem != null) {
                    problems.add(setting.describe() + ": " + problem);
                } else {
                    programs.put(role, command);
                }
            } catch (IllegalArgumentException e) {
                problems.add(setting.describe() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            int more = problems.size() - 1;
            throw new SettingsException(problems.get(0) + (more == 0 ? ""
                    : " (and " + more + " more lab.program setting" + (more == 1 ? " is" : "s are") + " wrong)"));
        }
        return new ProgramSettings(dir, known, programs, requirePrograms, readyWithin);
    }

    /** A setting that is not a program: taken out of the file's, a {@code -D} value winning; null when unset. */
    private static Setting takeSetting(Map<String, Setting> fromFile, Properties systemProperties, String key) {
        Setting setting = fromFile.remove(key);
        String given = systemProperties.getProperty(key);
        return given != null ? new Setting(key, given, "(given with -D)") : setting;
    }

    private static Duration readyWithin(Setting setting) throws SettingsException {
        if (setting == null || setting.value() == null || setting.value().isBlank()) {
            return DEFAULT_READY_WITHIN;
        }
        Duration bound;
        try {
            bound = Durations.parse(setting.value().strip());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(setting.describe() + ": " + e.getMessage());
        }
        if (bound.isZero() || bound.isNegative() || bound.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new SettingsException(setting.describe() + ": write a time between 1ms and 10m, e.g. 10s");
        }
        return bound;
    }

    /** {@code lab.requirePrograms}: true or false (any case); unset or blank is false. */
    private static boolean requirePrograms(Setting setting) throws SettingsException {
        if (setting == null || setting.value() == null || setting.value().isBlank()) {
            return false;
        }
        return switch (setting.value().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(setting.describe() + ": write true (a graded run: a role with no "
                    + "program named is skipped, not played by socket-lab's own) or false");
        };
    }

    /**
     * The settings of this JVM: the working directory's {@code lab.properties} and {@code features/}, with the
     * system properties; loaded on first use, once.
     *
     * @throws IllegalStateException with the {@link SettingsException}'s one line when a setting cannot be used
     */
    public static ProgramSettings current() {
        Current current = Current.INSTANCE;
        if (current.failure != null) {
            throw new IllegalStateException(current.failure.getMessage(), current.failure);
        }
        return current.settings;
    }

    private static final class Current {
        static final Current INSTANCE = new Current();
        final ProgramSettings settings;
        final SettingsException failure;

        private Current() {
            ProgramSettings loaded = null;
            SettingsException failed = null;
            try {
                loaded = load(Path.of("").toAbsolutePath(), Path.of(FEATURES_DIR), System.getProperties());
            } catch (SettingsException e) {
                failed = e;
            }
            settings = loaded;
            failure = failed;
        }
    }

    /** The student's program for a role; empty when socket-lab's own plays it (or, required, none does). */
    public Optional<ProgramCommand> program(String role) {
        return Optional.ofNullable(programs.get(role));
    }

    /**
     * Whether every role a step needs must be the student's ({@code lab.requirePrograms=true}, a graded run): then
     * a step whose role has no program named is skipped rather than run with socket-lab's own.
     */
    public boolean requirePrograms() {
        return requirePrograms;
    }

    /** How long a student's server has to bind its port ({@code lab.readyWithin}, 10 s unless set). */
    public Duration readyWithin() {
        return readyWithin;
    }

    /** Why a step that needs the role is skipped when no program is named for it and programs are required. */
    public static String missingProgram(String role) {
        return "no program named for the role " + role + " (" + REQUIRE_PROGRAMS + "=true)";
    }

    /** Every role that has a program of the student's, in {@link #knownRoles()}'s order. */
    public Map<String, ProgramCommand> all() {
        return programs;
    }

    /** The built-in roles, then those the feature files name, in the order the files first name them. */
    public Set<String> knownRoles() {
        return knownRoles;
    }

    /** Where the programs run from. */
    public Path projectDir() {
        return projectDir;
    }

    /**
     * socket-lab's own program for a role, as a person would type it: {@code socket-lab udp-server},
     * {@code socket-lab udp-client --connected}; empty for a role socket-lab has no program for.
     */
    public static Optional<String> ownCommand(String role) {
        if (CONNECTED_UDP_CLIENT.equals(role)) {
            return Optional.of("socket-lab udp-client --connected");
        }
        return OWN_SUBCOMMANDS.contains(role) ? Optional.of("socket-lab " + role) : Optional.empty();
    }

    /**
     * What the report's cover lists: every known role with the command that plays it and each file the command
     * names with its SHA-256 (read now), the file as the command names it relative to the project directory (see
     * {@link ProgramCommand#namedFiles()}); a role without a key shows socket-lab's own program, with no files.
     *
     * @throws UncheckedIOException when a file cannot be read, naming it
     */
    public List<ProgramInfo> programInfos() {
        List<ProgramInfo> infos = new ArrayList<>();
        for (String role : knownRoles) {
            ProgramCommand command = programs.get(role);
            if (command == null && role.equals(CONNECTED_UDP_CLIENT) && connectedClientMissing()) {
                infos.add(new ProgramInfo(role, "not set (no " + PREFIX + role + "): the steps of a connected UDP "
                        + "client are skipped, since the student's udp-client plays the UDP client", List.of()));
            } else if (command == null && requirePrograms) {
                infos.add(new ProgramInfo(role, "not set (no " + PREFIX + role + "): the steps that need it are "
                        + "skipped (" + REQUIRE_PROGRAMS + "=true)", List.of()));
            } else if (command == null) {
                infos.add(new ProgramInfo(role, ownCommand(role)
                        .orElse("not set (no " + PREFIX + role + "; socket-lab has no program of that name)"),
                        List.of()));
            } else {
                infos.add(new ProgramInfo(role, command.commandLine(), command.namedFiles().entrySet().stream()
                        .map(file -> new FileDigest(file.getKey(), sha256(file.getValue()))).toList()));
            }
        }
        return List.copyOf(infos);
    }

    /**
     * Whether the student named a UDP client but no connected one: socket-lab's connected client would then
     * stand in for a program of the student's that does something else, so its steps are skipped instead.
     */
    public boolean connectedClientMissing() {
        return !programs.containsKey(CONNECTED_UDP_CLIENT) && programs.containsKey("udp-client");
    }

    /** A file's SHA-256 as 64 lower-case hex digits. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to compute its SHA-256: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** Every role the feature files name as {@code the program "NAME"}, comment lines left out. */
    static Set<String> featureRoles(Path featuresDir) throws SettingsException {
        Set<String> roles = new LinkedHashSet<>();
        if (!Files.isDirectory(featuresDir)) {
            return roles;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(featuresDir)) {
            files = walk.filter(path -> path.getFileName().toString().endsWith(".feature"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new SettingsException("cannot list the feature files in " + featuresDir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.strip().startsWith("#")) {
                        continue;
                    }
                    Matcher matcher = FEATURE_ROLE.matcher(line);
                    while (matcher.find()) {
                        roles.add(matcher.group(1));
                    }
                }
            } catch (IOException e) {
                throw new SettingsException("cannot read the feature file " + file + ": " + e.getMessage(), e);
            }
        }
        return roles;
    }

    /** The {@code lab.program.*} keys and the other programs' settings of a properties file, sorted. */
    private static Map<String, String> propertiesFile(Path file) throws SettingsException {
        Map<String, String> keys = new LinkedHashMap<>();
        Properties properties = PropertiesFile.read(file);
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith(PREFIX) || key.equals(REQUIRE_PROGRAMS) || key.equals(READY_WITHIN)).sorted()
                .forEach(key -> keys.put(key, properties.getProperty(key)));
        return keys;
    }

    /** A file relative to the project directory, with {@code /}; absolute when outside it. */
    static String display(Path projectDir, Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        Path shown = normalized.startsWith(projectDir) ? projectDir.relativize(normalized) : normalized;
        return shown.toString().replace(File.separatorChar, '/');
    }

    /** One key as found, and where. */
    private record Setting(String key, String value, String source) {
        String describe() {
            return key + " " + source + " is \"" + (value == null ? "" : value) + "\"";
        }
    }
}
