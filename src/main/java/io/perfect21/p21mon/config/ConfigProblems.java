package io.perfect21.p21mon.config;

import com.fasterxml.jackson.core.JsonLocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found in one configuration file, each placed at the line and column of its key. The loader adds what
 * reading the file finds (syntax, unknown keys, types, records' own checks); each {@link ConfigValidator} adds what
 * needs the whole configuration (unknown check types, a route naming an unknown channel). A path with no key of its
 * own in the file (a missing key) is placed at its nearest enclosing key.
 */
public final class ConfigProblems {
    private final String file;
    private final Map<String, JsonLocation> keys;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigProblems(String file, Map<String, JsonLocation> keys) {
        this.file = file;
        this.keys = keys;
    }

    /** Problems for a configuration with no file (the built-in defaults). */
    public static ConfigProblems withoutFile() {
        return new ConfigProblems(null, new HashMap<>());
    }

    /** A problem about the key at {@code path} ({@code alerting.routes[0].channel}), placed at that key. */
    public void add(String path, String message, String suggestion) {
        add(path, null, message, suggestion);
    }

    /** Every problem of {@code e}, their paths relative to {@code basePath} ({@code health.checks[2]}). */
    public void addAll(String basePath, ConfigException e) {
        for (ConfigProblem p : e.problems()) {
            add(join(basePath, p.path()), p.message(), p.suggestion());
        }
    }

    void add(String path, JsonLocation at, String message, String suggestion) {
        JsonLocation where = at != null ? at : locate(path);
        int line = where != null && where.getLineNr() > 0 ? where.getLineNr() : 0;
        int column = line > 0 ? where.getColumnNr() : 0;
        problems.add(new ConfigProblem(file, line, column, path, message, suggestion));
    }

    void keep(ConfigProblem placed) {
        problems.add(placed);
    }

    /** A problem already placed in another file (a rule file the configuration names), kept as it is. */
    public void addPlaced(ConfigProblem placed) {
        problems.add(placed);
    }

    /** Whether a problem is already recorded at exactly this path (a value that failed to expand, say). */
    boolean hasExactly(String path) {
        return problems.stream().anyMatch(p -> p.path().equals(path));
    }

    /** Whether a problem is already recorded at this path or below it. */
    public boolean hasAt(String path) {
        for (ConfigProblem p : problems) {
            if (path.isEmpty() || p.path().equals(path) || p.path().startsWith(path + ".")
                    || p.path().startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems in the order found. */
    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** Fails with every problem found, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(list());
        }
    }

    /** Where the key at {@code path} starts, or its nearest enclosing key's. */
    JsonLocation locate(String path) {
        for (String p = path; ; p = parent(p)) {
            JsonLocation at = keys.get(p);
            if (at != null || p.isEmpty()) {
                return at;
            }
        }
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    static String join(String base, String key) {
        if (key == null || key.isEmpty()) {
            return base;
        }
        if (base == null || base.isEmpty()) {
            return key;
        }
        return key.startsWith("[") ? base + key : base + "." + key;
    }
}
