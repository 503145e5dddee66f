package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code p21_health_*}: the last background health run, with the same names, labels and values as
 * {@code p21mon health -o prometheus} and its textfile (status gauges in Nagios codes: 0 healthy, 1 degraded,
 * 2 unhealthy, 3 unknown), so dashboards and alerts work with either.
 */
public final class HealthCollector implements MultiCollector {
    private final Supplier<HealthReport> report;
    private final Families families;

    public HealthCollector(Supplier<HealthReport> report, Labels constantLabels) {
        this.report = report;
        this.families = new Families(constantLabels);
    }

    @Override
    public MetricSnapshots collect() {
        HealthReport r = report.get();
        List<MetricSnapshot> out = new ArrayList<>();
        if (r == null) {
            return new MetricSnapshots(out);
        }
        families.gauge("p21_health_status",
                "Worst status of the last p21mon health run: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown.")
                .point(r.status().nagiosCode()).add(out);
        Families.Family status = families.gauge("p21_health_check_status",
                "Status of a health check in the last run: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown.");
        Families.Family duration = families.gauge("p21_health_check_duration_seconds",
                "How long a health check took in the last run.");
        for (HealthCheckResult c : r.checks()) {
            status.point(c.status().nagiosCode(), "check", c.name(), "type", c.type());
            duration.point(c.durationMs() / 1000.0, "check", c.name());
        }
        status.add(out);
        duration.add(out);
        families.gauge("p21_health_run_duration_seconds", "How long the last p21mon health run took.")
                .point(r.durationMs() / 1000.0).add(out);
        families.gauge("p21_health_last_run_timestamp_seconds",
                "When the last p21mon health run started, seconds since the epoch.")
                .point(r.timestamp().toEpochMilli() / 1000.0).add(out);
        return new MetricSnapshots(out);
    }
}
