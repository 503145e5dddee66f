package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.host.HostProbe;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

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
 * try (MetricsService.Running r = new MetricsService(config, OshiHostProbe::new, Clock.systemUTC(), Path.of(""))
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

    public MetricsService(P21monConfig config, Supplier<HostProbe> probe, Clock clock, Path workDir) {
        this.config = config;
        this.probe = probe;
        this.clock = clock;
        this.workDir = workDir;
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
        PrometheusRegistry registry = new CachingRegistry(
                ExporterMetrics.registry(state, config.metrics().customLabels(), true),
                state::generation, EXPOSITION_MAX_AGE_NANOS);
        MetricsServer server = MetricsServer.start(listen, web, registry,
                () -> state.host() != null ? HttpAnswer.text(200, "ready\n")
                        : HttpAnswer.text(503, "not ready: the first host refresh has not finished\n"),
                () -> HttpAnswer.json(503, "{\"status\":\"unknown\",\"message\":\"no health checks run yet\"}\n"));
        refresher.start();
        return new Running(server, refresher, state);
    }

    /** One snapshot: every source refreshed once, in this thread. */
    public MetricsReport snapshot() {
        ExporterState state = new ExporterState();
        refresher(state).refreshAll();
        return MetricsReport.of(ExporterMetrics.registry(state, config.metrics().customLabels(), true).scrape());
    }

    private MetricsRefresher refresher(ExporterState state) {
        Map<String, Path> repos = new LinkedHashMap<>();
        for (String repo : config.metrics().gitRepos()) {
            repos.put(repo, workDir.resolve(repo));
        }
        return new MetricsRefresher(state, probe, repos, config.metrics().updateInterval(), clock);
    }
}
