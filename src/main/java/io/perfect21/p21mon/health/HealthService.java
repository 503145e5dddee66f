package io.perfect21.p21mon.health;

import io.perfect21.p21mon.host.Hostname;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.Durations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code p21mon health} as one service: builds the declared checks, runs all or some of them, writes the report to
 * the sinks asked for ({@code --textfile-dir}, {@code --json-out}, {@code --junit-out}). Notifying state changes
 * ({@code --notify}) is the alerting machinery's job ({@code alerts.HealthAlerts}): health never imports alerts.
 *
 * <pre>{@code
 * HealthService health = new HealthService(context, HealthChecks.standard());
 * HealthReport report = health.run(List.of());
 * health.writeSinks(report, new HealthService.Sinks(Path.of("/var/lib/node_exporter"), null, null));
 * }</pre>
 */
public final class HealthService {
    /** The alert name of a health check's notifications and alert rules. */
    public static final String ALERT_NAME = "P21monHealthCheck";

    /** Where else the report goes in the same run; null for none. */
    public record Sinks(Path textfileDir, Path jsonOut, Path junitOut) {
        public boolean any() {
            return textfileDir != null || jsonOut != null || junitOut != null;
        }
    }

    /** One declared check as {@code --list} shows it; {@code problem} is its configuration error, if any. */
    public record CheckInfo(String name, String type, String timeout, String problem) {
    }

    /** The declared checks, for {@code --list}. */
    public record CheckList(List<CheckInfo> checks) {
    }

    private final HealthContext context;
    private final HealthRunner runner;

    public HealthService(HealthContext context, HealthChecks registry) {
        this(context, registry, Clock.systemUTC());
    }

    public HealthService(HealthContext context, HealthChecks registry, Clock clock) {
        this.context = context;
        this.runner = new HealthRunner(registry.build(context), context.config().health().timeout(),
                Hostname::local, clock);
    }

    public HealthRunner runner() {
        return runner;
    }

    /** The declared checks with their timeouts and configuration problems. */
    public CheckList list() {
        List<CheckInfo> out = new ArrayList<>();
        for (HealthCheck c : runner.checks()) {
            String timeout = Durations.format(c.timeout() != null ? c.timeout() : context.config().health().timeout());
            out.add(new CheckInfo(c.name(), c.type(), timeout, c instanceof InvalidCheck i ? i.problem() : null));
        }
        return new CheckList(out);
    }

    /**
     * Runs the named checks, or all when none are named.
     *
     * @throws P21monException (usage) for a name no check has, listing the names
     */
    public HealthReport run(List<String> names) {
        try {
            return runner.run(names);
        } catch (IllegalArgumentException e) {
            throw P21monException.usage("--check: " + e.getMessage());
        }
    }

    /** Writes the report to each sink asked for; relative paths resolve against the working directory. */
    public void writeSinks(HealthReport report, Sinks sinks) {
        if (sinks.textfileDir() != null) {
            HealthTextfile.write(context.workDir().resolve(sinks.textfileDir()), report);
        }
        if (sinks.jsonOut() != null) {
            try {
                AtomicFiles.write(context.workDir().resolve(sinks.jsonOut()),
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw P21monException.failed("cannot write the JSON report: " + e.getMessage(), e);
            }
        }
        if (sinks.junitOut() != null) {
            HealthJunit.write(context.workDir().resolve(sinks.junitOut()), report);
        }
    }
}
