package io.perfect21.p21mon.alerts;

/**
 * A host-level alerting rule as {@code alerts eval} evaluates it on this host with no Prometheus: the catalogue's
 * {@link AlertRule} (name, {@code for}, labels, annotations) and what to measure locally. It fires while the measured
 * value is above {@code threshold} (the same number its PromQL compares with) for at least the rule's {@code for}.
 */
public record HostRule(AlertRule rule, Measure measure, double threshold) {
    public static final String CPU = "HighCPUUsage";
    public static final String MEMORY = "HighMemoryUsage";
    public static final String DISK = "DiskSpaceLow";
    public static final String LOAD = "HighLoad";
    public static final String HEALTH = "HealthCheckFailing";

    /** What a host rule measures, and in which unit. */
    public enum Measure {
        /** CPU busy percent over {@code health.cpu_sample_ms}. */
        CPU_PERCENT,
        /** Memory used percent (total - available). */
        MEMORY_PERCENT,
        /** Used percent of each real file system, as df computes it; one alert per mount point. */
        DISK_PERCENT,
        /** 1-minute load average per logical CPU. */
        LOAD_PER_CPU,
        /** Each health check's Nagios code (0 healthy, 1 degraded, 2 unhealthy, 3 unknown); one alert per check. */
        HEALTH_STATUS
    }

    public String name() {
        return rule.name();
    }
}
