package io.perfect21.p21mon.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cumulative CPU seconds of all processors by mode (node_exporter's {@code mode} label values: user, nice, system,
 * idle, iowait, irq, softirq, steal), as counted since boot.
 */
public record CpuTimes(Map<String, Double> secondsByMode) {
    /** The modes, in node_exporter's order. */
    public static final String[] MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    public CpuTimes {
        secondsByMode = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondsByMode));
    }

    public double seconds(String mode) {
        return secondsByMode.getOrDefault(mode, 0.0);
    }

    public double totalSeconds() {
        double total = 0;
        for (double seconds : secondsByMode.values()) {
            total += seconds;
        }
        return total;
    }

    /**
     * The share of time not idle (idle and iowait count as idle) between an earlier sample and this one, 0–1;
     * 0 when no time passed between the samples.
     */
    public double usageSince(CpuTimes earlier) {
        double total = totalSeconds() - earlier.totalSeconds();
        double idle = seconds("idle") + seconds("iowait") - earlier.seconds("idle") - earlier.seconds("iowait");
        if (total <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, (total - idle) / total));
    }
}
