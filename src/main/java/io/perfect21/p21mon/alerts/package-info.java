/**
 * Alerting, in two halves that share one rule catalogue and one notification machinery.
 * <ul>
 * <li>Rules: {@link io.perfect21.p21mon.alerts.RuleCatalogue} holds every alert once (name, PromQL, {@code for},
 * severity, annotations) and renders the Prometheus rule files ({@code alerts rules}, checked by {@code alerts test}
 * through promtool); its host-level entries are also evaluated on this host without Prometheus
 * ({@link io.perfect21.p21mon.alerts.AlertEvaluator}, {@code alerts eval}), with pending state kept between runs.</li>
 * <li>Notifications: {@link io.perfect21.p21mon.alerts.Notifier} turns observations into notifications exactly once
 * (alert state between runs, routing, retries, the disk {@link io.perfect21.p21mon.alerts.Spool}), shared by
 * {@code health --notify} ({@link io.perfect21.p21mon.alerts.HealthAlerts}), {@code alerts eval}, {@code alerts fire}
 * ({@link io.perfect21.p21mon.alerts.CustomAlert}) and {@code run}; and the Alertmanager side: a configuration from
 * the same channels and routes ({@link io.perfect21.p21mon.alerts.AlertmanagerConfig}).</li>
 * </ul>
 * Alerts depend on health, never the reverse. Flows start in {@code RuleCatalogue} (rules) and
 * {@code Notifier.of(alerting, workDir, stateDir, namespace, clock)} (notifications).
 */
package io.perfect21.p21mon.alerts;
