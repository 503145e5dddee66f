package io.perfect21.p21mon.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthRunner;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.host.HostProbe;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code p21mon metrics serve} and {@code metrics show}: the exporter's metrics from one configuration.
 *
 * <pre>{@code
 * try (MetricsService.Running r = new MetricsService(config, OshiHostProbe::new, Clock.systemUTC(), Path.of(""), null)
 *         .serve(Listen.parse(":8080", "--listen"), WebConfig.none())) {
 *     r.server().awaitClose();
 * }
 * }</pre>
 */
public final class MetricsService {
    /** JVM and process metrics in a served exposition are at most this old. */
    static final long EXPOSITION_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final P21monConfig config;
    private final Supplier<HostProbe> probe;
    private final Clock clock;
    private final Path workDir;
    private final Supplier<HealthRunner> health;

    /**
     * @param health the health checks to run in the background (built on first use), or null for none
     */
    public MetricsService(P21monConfig config, Supplier<HostProbe> probe, Clock clock, Path workDir,
                          Supplier<HealthRunner> health) {
        this.config = config;
        this.probe = probe;
        this.clock = clock;
        this.workDir = workDir;
        this.health = health == null ? null : memoize(health);
    }

    /** The checks are built once, on the first health refresh (building may load JDBC drivers, JGit, OkHttp). */
    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** A running exporter: its server and its background refresh; closing stops both. */
    public record Running(MetricsServer server, MetricsRefresher refresher, ExporterState state)
            implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            refresher.close();
        }
    }

    /** Binds, starts the background refresh, and serves until closed. */
    public Running serve(Listen listen, WebConfig web) {
        ExporterState state = new ExporterState();
        MetricsRefresher refresher = refresher(state);
        CachingRegistry registry = new CachingRegistry(
                ExporterMetrics.registry(state, config.metrics().customLabels(), config.metrics().jvmMetrics()),
                state::generation, EXPOSITION_MAX_AGE_NANOS);
        MetricsServer server = MetricsServer.start(listen, web, registry,
                () -> ready(refresher, state, registry),
                () -> healthAnswer(state.health()));
        refresher.start();
        return new Running(server, refresher, state);
    }

    /**
     * The {@code /-/ready} answer: 200 once every source (host, git, health) has ended its first refresh and the
     * served exposition holds that data, so a scrape that follows the first 200 has every family the configuration
     * enables; 503 before. {@code /-/healthy} (the process is alive) answers 200 from the start.
     */
    static HttpAnswer ready(MetricsRefresher refresher, ExporterState state, CachingRegistry registry) {
        if (!refresher.refreshedOnce()) {
            return HttpAnswer.text(503, "not ready: the first refresh of " + String.join(", ", refresher.pending())
                    + " has not finished\n");
        }
        registry.rebuiltSince(state.generation());
        return HttpAnswer.text(200, "ready\n");
    }

    /**
     * The {@code /health} answer: the last report's JSON (SPEC §4.1), 200 when healthy or degraded, 503 when unhealthy
     * or unknown, and 503 with status unknown before the first run has ended.
     */
    static HttpAnswer healthAnswer(HealthReport report) {
        if (report == null) {
            return HttpAnswer.json(503, "{\"status\":\"unknown\",\"message\":\"the first health run has not finished\"}\n");
        }
        int code = report.status() == HealthStatus.HEALTHY || report.status() == HealthStatus.DEGRADED ? 200 : 503;
        try {
            return HttpAnswer.json(code, Json.mapper().writeValueAsString(report) + "\n");
        } catch (JsonProcessingException e) {
            return HttpAnswer.json(500, "{\"status\":\"unknown\",\"message\":\"cannot write the report\"}\n");
        }
    }

    /**
     * One snapshot: host and git read once, in this thread; health checks run too when {@code withHealth} (they may
     * sample CPU for {@code health.cpu_sample_ms}).
     */
    public MetricsReport snapshot(boolean withHealth) {
        ExporterState state = new ExporterState();
        MetricsRefresher refresher = refresher(state);
        if (!withHealth) {
            refresher.without("health");
        }
        refresher.refreshAll();
        return MetricsReport.of(ExporterMetrics.registry(state, config.metrics().customLabels(),
                config.metrics().jvmMetrics()).scrape());
    }

    private MetricsRefresher refresher(ExporterState state) {
        Map<String, Path> repos = new LinkedHashMap<>();
        for (String repo : config.metrics().gitRepos()) {
            repos.put(repo, workDir.resolve(repo));
        }
        MetricsRefresher refresher = new MetricsRefresher(state, probe, repos, config.metrics().updateInterval(), clock);
        if (health != null) {
            refresher.source("health", config.metrics().updateInterval(), () -> state.health(health.get().run()));
        }
        return refresher;
    }
}
