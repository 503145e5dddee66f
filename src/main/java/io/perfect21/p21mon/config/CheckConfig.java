package io.perfect21.p21mon.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code health.checks}: its {@code name}, {@code type}, optional per-check {@code timeout} and
 * monitoring-plugins {@code warning}/{@code critical} ranges, and the type's own keys ({@code url}, {@code path},
 * {@code host}, …) in {@link #options()}. Each check type validates its own keys when it is built, so a type added by a
 * library (through {@code ServiceLoader}) is configured the same way as the built-in ones.
 */
public final class CheckConfig {
    private final String name;
    private final String type;
    private final Duration timeout;
    private final String warning;
    private final String critical;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    @JsonCreator
    public CheckConfig(
            @JsonProperty("name") String name,
            @JsonProperty("type") String type,
            @JsonProperty("timeout") Duration timeout,
            @JsonProperty("warning") String warning,
            @JsonProperty("critical") String critical) {
        List<ConfigProblem> missing = new ArrayList<>();
        for (String key : List.of("name", "type")) {
            if ((key.equals("name") ? name : type) == null) {
                missing.add(ConfigProblem.of("", "missing required key '" + key + "'",
                        key.equals("type") ? "e.g. type: http" : null));
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(missing);
        }
        this.name = name;
        this.type = type;
        this.timeout = timeout;
        this.warning = warning;
        this.critical = critical;
    }

    /** The stand-in for an entry that lacks its name or type: named by its place in the file. */
    static CheckConfig unreadable(String path) {
        return new CheckConfig(path, "", null, null, null);
    }

    /** A check of the given type with the given type-specific keys, as a library user would declare it. */
    public static CheckConfig of(String name, String type, Map<String, ?> options) {
        CheckConfig c = new CheckConfig(name, type, null, null, null);
        options.forEach(c::option);
        return c;
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    @JsonProperty("type")
    public String type() {
        return type;
    }

    /** This check's own timeout, or null for {@code health.timeout}. */
    @JsonProperty("timeout")
    public Duration timeout() {
        return timeout;
    }

    @JsonProperty("warning")
    public String warning() {
        return warning;
    }

    @JsonProperty("critical")
    public String critical() {
        return critical;
    }

    /** The type-specific keys, in file order, values as YAML gave them (strings, numbers, booleans, lists, maps). */
    @JsonAnyGetter
    public Map<String, Object> options() {
        return options;
    }

    /**
     * What was wrong with this entry when the file was read (an unset {@code ${VAR}}, a bad timeout): the check
     * reports UNKNOWN with them and the other checks still run.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    void addProblem(ConfigProblem problem) {
        problems.add(problem);
    }

    @JsonAnySetter
    void option(String key, Object value) {
        options.put(key, value);
    }
}
