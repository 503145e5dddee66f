package io.perfect21.p21mon.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code metrics:}: the exporter's port, how often host and health data refresh, how long Prometheus keeps data
 * (the seed's retention layer), labels added to every exported series, the Prometheus and Pushgateway addresses, and
 * the git repositories whose state {@code metrics serve} exports ({@code p21_git_*}, one {@code repo} label each),
 * and whether the exporter also exports its own JVM's {@code jvm_*} metrics ({@code process_*} it always exports).
 */
public record MetricsConfig(
        Integer port,
        Duration updateInterval,
        Duration retentionPeriod,
        Map<String, String> customLabels,
        String prometheusUrl,
        String pushgatewayUrl,
        java.util.List<String> gitRepos,
        Boolean jvmMetrics) {

    public MetricsConfig {
        port = Defaults.port("metrics.port", port, 8080);
        updateInterval = Defaults.or(updateInterval, Duration.ofSeconds(30));
        retentionPeriod = Defaults.or(retentionPeriod, Duration.ofDays(30));
        customLabels = Defaults.map(customLabels);
        prometheusUrl = Defaults.or(prometheusUrl, "http://localhost:9090");
        pushgatewayUrl = Defaults.or(pushgatewayUrl, "http://localhost:9091");
        gitRepos = Defaults.list(gitRepos);
        jvmMetrics = Defaults.or(jvmMetrics, false);
        for (String name : customLabels.keySet()) {
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
                throw new IllegalArgumentException("metrics.custom_labels: '" + name + "' is not a Prometheus label "
                        + "name (letters, digits and _, not starting with a digit or __)");
            }
        }
    }

    static MetricsConfig defaults() {
        return new MetricsConfig(null, null, null, null, null, null, null, null);
    }
}
