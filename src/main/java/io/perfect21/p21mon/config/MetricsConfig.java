package io.perfect21.p21mon.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code metrics:}: the exporter's port, how often host and health data refresh, how long Prometheus keeps data
 * (the seed's retention layer), labels added to every exported series, and the Prometheus and Pushgateway addresses.
 */
public record MetricsConfig(
        Integer port,
        Duration updateInterval,
        Duration retentionPeriod,
        Map<String, String> customLabels,
        String prometheusUrl,
        String pushgatewayUrl) {

    public MetricsConfig {
        port = Defaults.port("metrics.port", port, 8080);
        updateInterval = Defaults.or(updateInterval, Duration.ofSeconds(30));
        retentionPeriod = Defaults.or(retentionPeriod, Duration.ofDays(30));
        customLabels = Defaults.map(customLabels);
        prometheusUrl = Defaults.or(prometheusUrl, "http://localhost:9090");
        pushgatewayUrl = Defaults.or(pushgatewayUrl, "http://localhost:9091");
    }

    static MetricsConfig defaults() {
        return new MetricsConfig(null, null, null, null, null, null);
    }
}
