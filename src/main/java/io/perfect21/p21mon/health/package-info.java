/**
 * Health checks: the check contract ({@link io.perfect21.p21mon.health.HealthCheck}, its factories and options), the
 * concurrent runner with per-check timeouts, the report and its statuses (Nagios codes 0–3), and the report's sinks
 * (node_exporter textfile, JUnit XML, Nagios output). The flow starts in
 * {@link io.perfect21.p21mon.health.HealthService}: {@link io.perfect21.p21mon.health.HealthChecks} builds the checks
 * {@code health.checks} declares, {@link io.perfect21.p21mon.health.HealthRunner} runs them, the service writes the
 * sinks asked for and, with {@code --notify}, hands state changes to the alerts notifier (an arrow that is to be
 * reversed: alerts will depend on health).
 */
package io.perfect21.p21mon.health;
