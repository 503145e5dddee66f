/**
 * Alerting: the one machinery that turns observations into notifications exactly once
 * ({@link io.perfect21.p21mon.alerts.Notifier}: alert state between runs, routing, retries, the disk
 * {@link io.perfect21.p21mon.alerts.Spool}), shared by {@code health --notify}
 * ({@link io.perfect21.p21mon.alerts.HealthAlerts}), {@code alerts eval}, {@code alerts fire}
 * ({@link io.perfect21.p21mon.alerts.CustomAlert}) and {@code run}; and the Alertmanager side: a configuration from
 * the same channels and routes ({@link io.perfect21.p21mon.alerts.AlertmanagerConfig}). Alerts depend on health,
 * never the reverse. Flows start in {@code Notifier.of(alerting, workDir, stateDir, namespace, clock)}.
 */
package io.perfect21.p21mon.alerts;
