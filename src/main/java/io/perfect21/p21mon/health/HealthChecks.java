package io.perfect21.p21mon.health;

import io.perfect21.p21mon.host.Hostname;
import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.config.ConfigException;
import io.perfect21.p21mon.config.ConfigProblem;
import io.perfect21.p21mon.config.ConfigProblems;
import io.perfect21.p21mon.config.Suggestions;
import io.perfect21.p21mon.health.checks.CommandCheck;
import io.perfect21.p21mon.health.checks.DatabaseCheck;
import io.perfect21.p21mon.health.checks.GitCheck;
import io.perfect21.p21mon.health.checks.HttpCheck;
import io.perfect21.p21mon.health.checks.ProcessCheck;
import io.perfect21.p21mon.health.checks.SelfCheck;
import io.perfect21.p21mon.health.checks.SystemResourcesCheck;
import io.perfect21.p21mon.health.checks.TcpCheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The registry of check types and the builder of the checks {@code health.checks} declares. Built-in types:
 * {@code system_resources}, {@code database}, {@code git}, {@code http}, {@code tcp}, {@code process},
 * {@code command}, {@code p21mon}; more come from {@link #register} or, in {@link #standard()}, from
 * {@link ServiceLoader} ({@link HealthCheckFactory}). With no checks declared, {@code system_resources} and
 * {@code p21mon} run. A check type's classes (JGit, JDBC, OkHttp) load only when a check of that type is declared.
 *
 * <pre>{@code
 * List<HealthCheck> checks = HealthChecks.standard().build(context);
 * HealthReport report = HealthChecks.runner(checks, context).run();
 * }</pre>
 */
public final class HealthChecks {
    /** The names and types of the checks that run when {@code health.checks} is empty. */
    public static final List<String> DEFAULT_TYPES = List.of("system_resources", "p21mon");

    private final Map<String, BiFunction<CheckConfig, HealthContext, HealthCheck>> types = new LinkedHashMap<>();
    private final boolean serviceLoader;
    private boolean loaded;

    private HealthChecks(boolean serviceLoader) {
        this.serviceLoader = serviceLoader;
        // lambdas, not constructor references: a type's classes (JGit, JDBC, OkHttp) load only when it is used
        types.put("system_resources", (c, x) -> new SystemResourcesCheck(c, x));
        types.put("database", (c, x) -> new DatabaseCheck(c, x));
        types.put("git", (c, x) -> new GitCheck(c, x));
        types.put("http", (c, x) -> new HttpCheck(c, x));
        types.put("tcp", (c, x) -> new TcpCheck(c, x));
        types.put("process", (c, x) -> new ProcessCheck(c, x));
        types.put("command", (c, x) -> new CommandCheck(c, x));
        types.put("p21mon", (c, x) -> new SelfCheck(c, x));
    }

    /** The built-in types plus those found by {@link ServiceLoader} (looked up only for a type not built in). */
    public static HealthChecks standard() {
        return new HealthChecks(true);
    }

    /** The built-in types only. */
    public static HealthChecks builtIn() {
        return new HealthChecks(false);
    }

    /** Adds (or replaces) a type. */
    public HealthChecks register(HealthCheckFactory factory) {
        types.put(factory.type(), factory::create);
        return this;
    }

    /** Every known type name. */
    public Set<String> types() {
        loadServices();
        return new TreeSet<>(types.keySet());
    }

    /**
     * Builds one check.
     *
     * @throws ConfigException for an unknown type or a bad key
     */
    public HealthCheck create(CheckConfig config, HealthContext context) {
        BiFunction<CheckConfig, HealthContext, HealthCheck> f = types.get(config.type());
        if (f == null) {
            loadServices();
            f = types.get(config.type());
        }
        if (f == null) {
            String hint = Suggestions.closest(config.type(), types.keySet()).map(s -> "did you mean '" + s + "'?")
                    .orElse("types: " + String.join(", ", new TreeSet<>(types.keySet())));
            String message = "unknown check type '" + config.type() + "'";
            throw new ConfigException(CheckOptions.where(config) + ": " + message + "; " + hint,
                    List.of(ConfigProblem.of("type", message, hint)));
        }
        return f.apply(config, context);
    }

    /**
     * The checks the configuration declares (the defaults when it declares none). An entry that cannot be built
     * becomes an {@link InvalidCheck}, which reports unknown, so the others still run.
     *
     * @throws ConfigException when two checks have the same name
     */
    public List<HealthCheck> build(HealthContext context) {
        List<CheckConfig> configs = context.config().health().checks();
        if (configs.isEmpty()) {
            configs = DEFAULT_TYPES.stream().map(t -> CheckConfig.of(t, t, Map.of())).toList();
        }
        Set<String> names = new HashSet<>();
        List<HealthCheck> out = new ArrayList<>();
        for (CheckConfig c : configs) {
            if (!names.add(c.name())) {
                throw new ConfigException("health.checks: two checks are named '" + c.name() + "'");
            }
            if (!c.problems().isEmpty()) {
                out.add(new InvalidCheck(c, c.problems().stream().map(ConfigProblem::toString)
                        .collect(java.util.stream.Collectors.joining("; "))));
                continue;
            }
            try {
                out.add(create(c, context));
            } catch (ConfigException e) {
                out.add(new InvalidCheck(c, e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Every problem {@link #build} would meet, placed in the file, for {@code config validate}: two checks of one
     * name, an unknown type, and whatever each type's own constructor rejects (its keys, required keys, values).
     * Entries the loader already found broken are not built again.
     */
    public void validate(HealthContext context, ConfigProblems problems) {
        List<CheckConfig> configs = context.config().health().checks();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            CheckConfig c = configs.get(i);
            String at = "health.checks[" + i + "]";
            Integer first = names.putIfAbsent(c.name(), i);
            if (first != null) {
                problems.add(at + ".name", "two checks are named '" + c.name() + "' (also health.checks[" + first + "])",
                        "give each check its own name");
            }
            if (!c.problems().isEmpty()) {
                continue;
            }
            try {
                create(c, context);
            } catch (ConfigException e) {
                problems.addAll(at, e);
            }
        }
    }

    /** A runner over the checks with {@code health.timeout} as the default timeout and the probe's host name. */
    public static HealthRunner runner(List<HealthCheck> checks, HealthContext context) {
        return new HealthRunner(checks, context.config().health().timeout(), Hostname::local,
                java.time.Clock.systemUTC());
    }

    private synchronized void loadServices() {
        if (!serviceLoader || loaded) {
            return;
        }
        loaded = true;
        for (HealthCheckFactory f : ServiceLoader.load(HealthCheckFactory.class, HealthChecks.class.getClassLoader())) {
            types.putIfAbsent(f.type(), f::create);
        }
    }
}
