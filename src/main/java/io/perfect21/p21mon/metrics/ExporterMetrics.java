package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.Map;
import java.util.TreeMap;

/**
 * The registry {@code metrics serve} and {@code metrics show} expose: host, git, health and exporter collectors over
 * the shared {@link ExporterState}, the client library's process metrics and, when asked, its JVM metrics.
 * {@code custom_labels} go on every series: our collectors add them to each data point, the library's metrics get them
 * as its constant labels.
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

    /**
     * A new registry with every collector of the exporter and the {@code process_*} metrics; {@code jvm} adds the
     * {@code jvm_*} ones (off by default: their MXBeans cost the exporter about 4 MiB of its ~64 MiB, issue #16).
     */
    public static PrometheusRegistry registry(ExporterState state, Map<String, String> customLabels, boolean jvm) {
        Labels constant = constantLabels(customLabels);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new HostCollector(state::host, constant));
        registry.register(new GitCollector(state::git, constant));
        registry.register(new HealthCollector(state::health, constant));
        registry.register(new ExporterSelfCollector(state, constant));
        ProcessMetrics.builder(PrometheusProperties.get()).constLabels(constant).register(registry);
        if (jvm) {
            jvm(registry, constant);
        }
        return registry;
    }

    /**
     * The client library's JVM metrics, as {@code JvmMetrics} registers them but for the native-memory
     * ones: those report only under {@code -XX:NativeMemoryTracking}, and merely checking for it starts the platform
     * MBean server and loads JFR's diagnostic commands (hundreds of classes, megabytes of an exporter's memory).
     */
    static void jvm(PrometheusRegistry registry, Labels constant) {
        PrometheusProperties config = PrometheusProperties.get();
        JvmThreadsMetrics.builder(config).constLabels(constant).register(registry);
        JvmBufferPoolMetrics.builder(config).constLabels(constant).register(registry);
        JvmClassLoadingMetrics.builder(config).constLabels(constant).register(registry);
        JvmCompilationMetrics.builder(config).constLabels(constant).register(registry);
        JvmGarbageCollectorMetrics.builder(config).constLabels(constant).register(registry);
        JvmMemoryPoolAllocationMetrics.builder(config).constLabels(constant).register(registry);
        JvmMemoryMetrics.builder(config).constLabels(constant).register(registry);
        JvmRuntimeInfoMetric.builder(config).constLabels(constant).register(registry);
    }
}
