package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.config.ConfigException;
import io.perfect21.p21mon.config.ConfigProblem;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.Suggestions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks the type-specific keys of one {@code health.checks} entry: an unknown key is an error with a
 * "did you mean", a missing required key or a value of the wrong type is an error naming the check and the key.
 *
 * <pre>{@code
 * CheckOptions o = CheckOptions.of(config, "url", "expect_status");
 * String url = o.requiredString("url");
 * }</pre>
 */
public final class CheckOptions {
    private final CheckConfig config;
    private final Map<String, Object> options;

    private CheckOptions(CheckConfig config) {
        this.config = config;
        this.options = config.options();
    }

    /** Checks that the entry has no keys but these (besides name, type, timeout, warning, critical). */
    public static CheckOptions of(CheckConfig config, String... allowed) {
        return of(config, List.of(), allowed);
    }

    /**
     * Checks the entry's keys against what its type declares: the {@code required} keys must be there, and no key
     * but these and the {@code optional} ones (besides name, type, timeout, warning, critical) may be. Every unknown
     * and missing key is reported at once.
     *
     * @throws ConfigException with one {@link ConfigProblem} a key
     */
    public static CheckOptions of(CheckConfig config, List<String> required, String... optional) {
        Set<String> known = new TreeSet<>(required);
        known.addAll(List.of(optional));
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : config.options().keySet()) {
            if (!known.contains(key)) {
                Set<String> all = new TreeSet<>(known);
                all.addAll(List.of("name", "type", "timeout", "warning", "critical"));
                String hint = Suggestions.closest(key, all).map(s -> "did you mean '" + s + "'?")
                        .orElse(known.isEmpty() ? "this type takes no keys of its own" : "keys of this type: " + String.join(", ", known));
                problems.add(ConfigProblem.of(key, "unknown key '" + key + "'", hint));
            }
        }
        for (String key : required) {
            Object v = config.options().get(key);
            if (v == null || v.toString().isBlank()) {
                problems.add(missingProblem(key));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(where(config) + ": " + problems.stream()
                    .map(p -> p.message() + (p.suggestion() != null ? "; " + p.suggestion() : ""))
                    .collect(java.util.stream.Collectors.joining("; ")), problems);
        }
        return new CheckOptions(config);
    }

    private static ConfigProblem missingProblem(String key) {
        return ConfigProblem.of("", "missing required key '" + key + "'", null);
    }

    /** A required key that is missing; {@code what} may name alternatives ("'process' (or 'command_line')"). */
    public ConfigException missing(String what) {
        String message = "missing required key " + what;
        return new ConfigException(where(config) + ": " + message, List.of(ConfigProblem.of("", message, null)));
    }

    /** {@code health.checks[name=db] (database)}: how errors name the entry. */
    public static String where(CheckConfig config) {
        return "health.checks[" + config.name() + "] (" + config.type() + ")";
    }

    public CheckConfig config() {
        return config;
    }

    public boolean has(String key) {
        return options.get(key) != null;
    }

    /** A bad value of the key: names the check and the key. */
    public ConfigException error(String key, String problem) {
        return new ConfigException(where(config) + ": " + key + ": " + problem, List.of(ConfigProblem.of(key, problem, null)));
    }

    public String requiredString(String key) {
        String s = string(key, null);
        if (s == null || s.isBlank()) {
            throw missing("'" + key + "'");
        }
        return s;
    }

    public String string(String key, String fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, "expected a string");
        }
        return v.toString();
    }

    public int requiredInt(String key) {
        if (!has(key)) {
            throw missing("'" + key + "'");
        }
        return integer(key, 0);
    }

    public int integer(String key, int fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).intValue();
        }
        if (v instanceof String s && s.strip().matches("-?\\d+")) {
            return Integer.parseInt(s.strip());
        }
        throw error(key, "expected a whole number, got '" + v + "'");
    }

    public Integer optionalInt(String key) {
        return has(key) ? integer(key, 0) : null;
    }

    public double number(String key, double fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw error(key, "expected a number, got '" + v + "'");
        }
    }

    public boolean bool(String key, boolean fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(v.toString()) || "false".equalsIgnoreCase(v.toString())) {
            return Boolean.parseBoolean(v.toString());
        }
        throw error(key, "expected true or false, got '" + v + "'");
    }

    public Duration duration(String key, Duration fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Durations.parse(v.toString());
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** A list of strings; a single string is a list of one. */
    public List<String> strings(String key) {
        Object v = options.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o == null || o instanceof Map || o instanceof List) {
                    throw error(key, "expected a list of strings");
                }
                out.add(o.toString());
            }
        } else if (v instanceof Map) {
            throw error(key, "expected a string or a list of strings");
        } else {
            out.add(v.toString());
        }
        return out;
    }

    /** A map of strings (headers, environment). */
    public Map<String, String> stringMap(String key) {
        Object v = options.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw error(key, "expected a mapping (key: value)");
        }
        m.forEach((k, val) -> out.put(String.valueOf(k), val == null ? "" : val.toString()));
        return out;
    }

    /** The entry's {@code warning}/{@code critical} ranges. */
    public Thresholds thresholds() {
        try {
            return Thresholds.parse(config.warning(), config.critical());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(config) + ": " + e.getMessage(),
                    List.of(ConfigProblem.of(config.warning() != null ? "" : "critical", e.getMessage(), null)));
        }
    }

    /** Fails when the entry gives warning/critical to a type that has no value to compare them with. */
    public void noThresholds() {
        if (config.warning() != null || config.critical() != null) {
            String message = "this type takes no warning/critical ranges";
            throw new ConfigException(where(config) + ": " + message, List.of(ConfigProblem.of(
                    config.warning() != null ? "warning" : "critical", message, "remove them")));
        }
    }
}
