package io.perfect21.p21mon.dashboards;

import io.perfect21.p21mon.metrics.MetricNames;
import io.perfect21.p21mon.metrics.Promql;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names a dashboard may query: those p21mon's exporter exports and its library records (the golden list
 * {@link MetricNames}), the series Prometheus makes itself ({@code up}, {@code scrape_*}, {@code ALERTS}), those of a
 * blackbox_exporter probe ({@code probe_success}, …: the stack's {@code --with blackbox} dashboard), the names
 * recording rules define, and the names the user's own {@code slos:} expressions select (the user vouches for those).
 */
public record KnownMetrics(Set<String> exported, Set<String> recordingRules, Set<String> declared) {
    /** The series Prometheus writes for every target and for its alerts. */
    public static final Set<String> PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

    /**
     * The series blackbox_exporter answers a probe with, which the stack's blackbox dashboard ({@code stack config
     * --with blackbox}) queries per target.
     */
    public static final Set<String> BLACKBOX = Set.of("probe_success", "probe_duration_seconds",
            "probe_ssl_earliest_cert_expiry", "probe_http_status_code", "probe_http_duration_seconds");

    public KnownMetrics {
        exported = Set.copyOf(exported);
        recordingRules = Set.copyOf(recordingRules);
        declared = Set.copyOf(declared);
    }

    /**
     * The golden list, the given recording-rule names, and the names selected by the given PromQL expressions (the
     * {@code slos:} errors and totals, with {@code {{window}}} standing for a duration).
     */
    public static KnownMetrics of(MetricNames names, Set<String> recordingRules, Collection<String> declaredExpressions) {
        Set<String> declared = new LinkedHashSet<>();
        for (String expr : declaredExpressions) {
            try {
                declared.addAll(Promql.metricNames(expr.replace("{{window}}", "5m")));
            } catch (Promql.SyntaxError e) {
                // a broken slos: expression is reported where it is used, in the panel that queries it
            }
        }
        return new KnownMetrics(names.seriesNames(), recordingRules, declared);
    }

    /** Whether a dashboard may query this series name. */
    public boolean knows(String name) {
        return exported.contains(name) || PROMETHEUS.contains(name) || BLACKBOX.contains(name) || recordingRules.contains(name)
                || declared.contains(name);
    }
}
