package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code p21_exporter_*}: the exporter's own state: its version, and per refresh source ({@code host}, {@code git},
 * {@code health}) how many refreshes ran and failed, when the last one succeeded, how long the last one took. Alert on
 * {@code time() - p21_exporter_last_refresh_timestamp_seconds > 3 * update_interval} to catch a stuck refresh.
 */
public final class ExporterSelfCollector implements MultiCollector {
    private static final String VERSION = version();

    private final ExporterState state;
    private final Families families;

    public ExporterSelfCollector(ExporterState state, Labels constantLabels) {
        this.state = state;
        this.families = new Families(constantLabels);
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        families.info("p21_exporter_build", "The p21mon version serving these metrics.").point(1, "version", VERSION).add(out);
        Map<String, ExporterState.RefreshStats> stats = new TreeMap<>(state.refreshes());
        Families.Family runs = families.counter("p21_exporter_refreshes", "Background refreshes run, by source.");
        Families.Family errors = families.counter("p21_exporter_refresh_errors", "Background refreshes that failed, by source.");
        Families.Family last = families.gauge("p21_exporter_last_refresh_timestamp_seconds",
                "End of the last successful refresh of each source, seconds since the epoch.");
        Families.Family duration = families.gauge("p21_exporter_refresh_duration_seconds",
                "How long the last refresh of each source took.");
        stats.forEach((source, s) -> {
            runs.point(s.runs(), "source", source);
            errors.point(s.errors(), "source", source);
            last.point(s.lastSuccessEpochSeconds(), "source", source);
            duration.point(s.lastDurationSeconds(), "source", source);
        });
        for (Families.Family f : List.of(runs, errors, last, duration)) {
            f.add(out);
        }
        return new MetricSnapshots(out);
    }

    private static String version() {
        try (InputStream in = ExporterSelfCollector.class.getResourceAsStream("/io/perfect21/p21mon/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
