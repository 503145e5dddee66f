package io.perfect21.p21mon.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code health:}: how often and how long checks run, the seed's resource thresholds (percent; at or above a
 * {@code *_threshold} is unhealthy, at or above its {@code *_warning}, default threshold - 10, degraded), the CPU
 * sampling window, and the declared checks. With no checks declared the built-in ones run.
 */
public record HealthConfig(
        Duration interval,
        Duration timeout,
        Double cpuThreshold,
        Double cpuWarning,
        Double memoryThreshold,
        Double memoryWarning,
        Double swapThreshold,
        Double swapWarning,
        Double diskThreshold,
        Double diskWarning,
        Double loadThreshold,
        Double loadWarning,
        Integer cpuSampleMs,
        List<CheckConfig> checks) {

    public HealthConfig {
        interval = Defaults.or(interval, Duration.ofSeconds(60));
        timeout = Defaults.or(timeout, Duration.ofSeconds(30));
        cpuThreshold = Defaults.percent("health.cpu_threshold", cpuThreshold, 90);
        cpuWarning = Defaults.percent("health.cpu_warning", cpuWarning, Math.max(0, cpuThreshold - 10));
        memoryThreshold = Defaults.percent("health.memory_threshold", memoryThreshold, 90);
        memoryWarning = Defaults.percent("health.memory_warning", memoryWarning, Math.max(0, memoryThreshold - 10));
        swapThreshold = Defaults.percent("health.swap_threshold", swapThreshold, 90);
        swapWarning = Defaults.percent("health.swap_warning", swapWarning, Math.max(0, swapThreshold - 10));
        diskThreshold = Defaults.percent("health.disk_threshold", diskThreshold, 85);
        diskWarning = Defaults.percent("health.disk_warning", diskWarning, Math.max(0, diskThreshold - 10));
        // Load average per core: 2.0 per core is saturated, 1.5 busy.
        loadThreshold = Defaults.or(loadThreshold, 2.0);
        loadWarning = Defaults.or(loadWarning, 1.5);
        cpuSampleMs = Defaults.or(cpuSampleMs, 1000);
        if (cpuSampleMs < 0) {
            throw new IllegalArgumentException("health.cpu_sample_ms must not be negative, got " + cpuSampleMs);
        }
        checks = Defaults.list(checks);
    }

    static HealthConfig defaults() {
        return new HealthConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
