/**
 * Metrics: the Prometheus exporter ({@code metrics serve}: host, health, git and self metrics refreshed in the
 * background and served from a cached snapshot, with TLS and basic auth from a web config), {@code metrics show},
 * {@code metrics push} to a Pushgateway, the times of a {@code metrics query}, and
 * {@link io.perfect21.p21mon.metrics.MetricsCollector}, the application metrics a Java service embeds. The exporter's
 * flow starts in {@link io.perfect21.p21mon.metrics.MetricsService}; the golden list of metric names is
 * {@code metric-names.txt}, read by {@link io.perfect21.p21mon.metrics.MetricNames}.
 */
package io.perfect21.p21mon.metrics;
