package io.perfect21.p21mon.config;

import java.util.List;

/**
 * The whole of {@code p21mon.yaml}: the seed's sections ({@code metrics}, {@code tracing}, {@code health},
 * {@code alerting}, {@code dashboards}) plus {@code audit}, {@code stack}, {@code slos} and {@code jobs}. Every section
 * has defaults, so {@code new P21monConfig(null, ...)} or an empty file gives a working configuration.
 */
public record P21monConfig(
        MetricsConfig metrics,
        TracingConfig tracing,
        HealthConfig health,
        AlertingConfig alerting,
        DashboardsConfig dashboards,
        AuditConfig audit,
        StackConfig stack,
        List<SloConfig> slos,
        List<JobConfig> jobs) {

    public P21monConfig {
        metrics = metrics != null ? metrics : MetricsConfig.defaults();
        tracing = tracing != null ? tracing : TracingConfig.defaults();
        health = health != null ? health : HealthConfig.defaults();
        alerting = alerting != null ? alerting : AlertingConfig.defaults();
        dashboards = dashboards != null ? dashboards : DashboardsConfig.defaults();
        audit = audit != null ? audit : AuditConfig.defaults();
        stack = stack != null ? stack : StackConfig.defaults();
        slos = Defaults.list(slos);
        jobs = Defaults.list(jobs);
    }

    /** The configured SLOs, or {@link SloConfig#DEFAULT} when {@code slos:} is empty (SPEC §4.3). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<SloConfig> effectiveSlos() {
        return slos.isEmpty() ? List.of(SloConfig.DEFAULT) : slos;
    }

    /** The built-in defaults, used when no file is found. */
    public static P21monConfig defaults() {
        return new P21monConfig(null, null, null, null, null, null, null, null, null);
    }
}
