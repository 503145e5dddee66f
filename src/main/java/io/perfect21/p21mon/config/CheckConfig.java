package io.perfect21.p21mon.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    @JsonCreator
    public CheckConfig(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty(value = "type", required = true) String type,
            @JsonProperty("timeout") Duration timeout,
            @JsonProperty("warning") String warning,
            @JsonProperty("critical") String critical) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.timeout = timeout;
        this.warning = warning;
        this.critical = critical;
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

    @JsonAnySetter
    void option(String key, Object value) {
        options.put(key, value);
    }
}
