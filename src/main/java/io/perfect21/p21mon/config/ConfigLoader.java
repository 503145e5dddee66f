package io.perfect21.p21mon.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, reads and checks {@code p21mon.yaml}. Strict: an unknown key is an error with its path and a "did you mean",
 * a wrong type is an error with file, line and column. {@code ${VAR}} and {@code ${VAR:-default}} in values are
 * expanded from the environment.
 *
 * <pre>{@code
 * Loaded loaded = new ConfigLoader(System.getenv(), Path.of(".")).load(null);
 * Duration timeout = loaded.config().health().timeout();
 * }</pre>
 */
public final class ConfigLoader {
    /** The file's name in the current directory and the config directories. */
    public static final String FILE_NAME = "p21mon.yaml";
    /**
     * The streaming YAML parser's factory (jackson-core and SnakeYAML only; the binder is {@link ConfigBinder}), made
     * when a file is read: a run without one (the defaults) does not load Jackson at all.
     */
    private static final class Yaml {
        static final YAMLFactory FACTORY = new YAMLFactory();
    }

    private final Map<String, String> env;
    private final Path workDir;

    public ConfigLoader(Map<String, String> env, Path workDir) {
        this.env = env;
        this.workDir = workDir;
    }

    /** A configuration and the file it came from (empty when the built-in defaults apply). */
    public record Loaded(P21monConfig config, Optional<Path> source) {
    }

    /**
     * The search order: the explicit file, {@code $P21MON_CONFIG}, {@code ./p21mon.yaml},
     * {@code $XDG_CONFIG_HOME/p21mon/p21mon.yaml} (default {@code ~/.config}), {@code /etc/p21mon/p21mon.yaml}.
     * An explicit or {@code $P21MON_CONFIG} file must exist; the others are used when present.
     */
    public Optional<Path> locate(Path explicit) {
        if (explicit != null) {
            return Optional.of(mustExist(workDir.resolve(explicit), "--config"));
        }
        String fromEnv = env.get("P21MON_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(mustExist(workDir.resolve(fromEnv), "$P21MON_CONFIG"));
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(workDir.resolve(FILE_NAME));
        String xdg = env.get("XDG_CONFIG_HOME");
        String home = env.get("HOME");
        if (xdg != null && !xdg.isBlank()) {
            candidates.add(Path.of(xdg, "p21mon", FILE_NAME));
        } else if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, ".config", "p21mon", FILE_NAME));
        }
        candidates.add(Path.of("/etc/p21mon", FILE_NAME));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Locates and parses the configuration; the built-in defaults when no file is found. */
    public Loaded load(Path explicit) {
        Optional<Path> source = locate(explicit);
        if (source.isEmpty()) {
            return new Loaded(P21monConfig.defaults(), source);
        }
        Parsed parsed = read(source.get());
        // a problem inside one health check makes that check UNKNOWN when it runs; any other stops every command
        List<ConfigProblem> fatal = new ArrayList<>();
        for (ConfigProblem p : parsed.problems().list()) {
            if (!deferToCheck(parsed.config(), p)) {
                fatal.add(p);
            }
        }
        if (!fatal.isEmpty()) {
            throw new ConfigException(fatal);
        }
        return new Loaded(parsed.config(), source);
    }

    /** The configuration and every problem found in it: reading the file, then each validator. */
    public record Checked(Loaded loaded, List<ConfigProblem> problems) {
    }

    /**
     * Finds every problem any command would reject, for {@code config validate}: reads the whole file collecting
     * problems rather than stopping at the first, then runs the validators.
     *
     * @throws ConfigException only when there is no file to read
     */
    public Checked check(Path explicit, List<ConfigValidator> validators) {
        Optional<Path> source = locate(explicit);
        Parsed parsed = source.isPresent() ? read(source.get())
                : new Parsed(P21monConfig.defaults(), ConfigProblems.withoutFile());
        Loaded loaded = new Loaded(parsed.config(), source);
        parsed.problems().list().forEach(p -> deferToCheck(parsed.config(), p)); // validators skip entries known broken
        if (!parsed.syntaxError()) {
            for (ConfigValidator v : validators) {
                v.validate(loaded, parsed.problems());
            }
        }
        List<ConfigProblem> all = new ArrayList<>(parsed.problems().list());
        all.sort(java.util.Comparator.comparingInt((ConfigProblem p) -> p.line() > 0 ? p.line() : Integer.MAX_VALUE)
                .thenComparingInt(ConfigProblem::column));
        return new Checked(loaded, all);
    }

    /** Parses configuration text; {@code sourceName} prefixes every error message. Fails with every problem found. */
    public P21monConfig parse(String text, String sourceName) {
        Parsed parsed = collect(text, sourceName, null);
        parsed.problems().throwIfAny();
        return parsed.config();
    }

    /** What reading a file gave: the configuration (defaults where a value was bad) and the problems. */
    private record Parsed(P21monConfig config, ConfigProblems problems, boolean syntaxError) {
        Parsed(P21monConfig config, ConfigProblems problems) {
            this(config, problems, false);
        }
    }

    private Parsed read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration: " + describe(e));
        }
        return collect(text, file.toString(), file.toAbsolutePath().normalize().getParent());
    }

    private static final java.util.regex.Pattern CHECK_PATH = java.util.regex.Pattern.compile("^health\\.checks\\[(\\d+)](.*)$");

    /** Attaches a problem inside {@code health.checks[i]} to that check, when the check itself could be read. */
    private static boolean deferToCheck(P21monConfig config, ConfigProblem p) {
        java.util.regex.Matcher m = CHECK_PATH.matcher(p.path());
        if (!m.matches()) {
            return false;
        }
        int i = Integer.parseInt(m.group(1));
        List<CheckConfig> checks = config.health().checks();
        if (i >= checks.size()) {
            return false;
        }
        checks.get(i).addProblem(p);
        return true;
    }

    /** Reads one document; relative path-valued keys resolve against {@code baseDir} (null: left as written). */
    private Parsed collect(String text, String sourceName, Path baseDir) {
        Map<String, JsonLocation> keys = new HashMap<>();
        ConfigProblems problems = new ConfigProblems(sourceName, keys);
        try (JsonParser parser = Yaml.FACTORY.createParser(text)) {
            P21monConfig config = new ConfigBinder(parser, new EnvExpander(env), problems, keys, baseDir).readDocument();
            return new Parsed(config != null ? config : P21monConfig.defaults(), problems);
        } catch (JsonProcessingException e) {
            MarkedYAMLException yaml = yamlError(e);
            if (yaml == null) { // the parser's own limits (a document too deep or too long, say)
                problems.add("", e.getLocation(), "YAML syntax error: " + firstLine(e.getOriginalMessage()), null);
                return new Parsed(P21monConfig.defaults(), problems, true);
            }
            // what was found before the syntax error and comes with advice stays (an unquoted ${VAR} in { } is
            // often its cause); a wrong type is more likely the syntax error's own doing ("timeout: [1")
            ConfigProblems kept = new ConfigProblems(sourceName, keys);
            problems.list().stream().filter(p -> p.suggestion() != null).forEach(kept::keep);
            Mark mark = yaml.getProblemMark();
            kept.add("", new JsonLocation(null, -1, mark.getLine() + 1, mark.getColumn() + 1),
                    "YAML syntax error: " + syntaxProblem(yaml), null);
            return new Parsed(P21monConfig.defaults(), kept, true);
        } catch (IOException e) {
            throw new ConfigException(sourceName + ": " + describe(e), e);
        }
    }

    private static Path mustExist(Path file, String via) {
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": no such configuration file (given by " + via
                    + "); create one with 'p21mon config init'");
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new ConfigException(file + ": not a readable file (given by " + via + ")");
        }
        return file;
    }

    private static MarkedYAMLException yamlError(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return m;
            }
        }
        return null;
    }

    private static String syntaxProblem(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
        if (e.getContext() != null && e.getContextMark() != null) {
            problem += " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ", column "
                    + (e.getContextMark().getColumn() + 1) + ")";
        } else if (e.getContext() != null) {
            problem += " (" + e.getContext() + ")";
        }
        return problem;
    }

    private static String firstLine(String msg) {
        if (msg == null) {
            return "invalid configuration";
        }
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }

    private static String describe(IOException e) {
        return io.perfect21.p21mon.IoErrors.reason(e);
    }
}
