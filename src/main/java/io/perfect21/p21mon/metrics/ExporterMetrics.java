package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.Map;
import java.util.TreeMap;

/**
 * The registry {@code metrics serve} and {@code metrics show} expose: host, git, health and exporter collectors over
 * the shared {@link ExporterState}, and the client library's JVM and process metrics. {@code custom_labels} go on every
 * series: our collectors add them to each data point, the JVM metrics get them as the library's constant labels.
 */
public final class ExporterMetrics {
    private ExporterMetrics() {
    }

    /** Sorted custom labels as the client's {@link Labels}. */
    public static Labels constantLabels(Map<String, String> customLabels) {
        Labels.Builder b = Labels.builder();
        new TreeMap<>(customLabels).forEach(b::label);
        return b.build();
    }

    /** A new registry with every collector of the exporter; {@code jvm} adds the JVM and process metrics. */
    public static PrometheusRegistry registry(ExporterState state, Map<String, String> customLabels, boolean jvm) {
        Labels constant = constantLabels(customLabels);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new HostCollector(state::host, constant));
        registry.register(new GitCollector(state::git, constant));
        registry.register(new HealthCollector(state::health, constant));
        registry.register(new ExporterSelfCollector(state, constant));
        if (jvm) {
            JvmMetrics.builder().constLabels(constant).register(registry);
        }
        return registry;
    }
}
