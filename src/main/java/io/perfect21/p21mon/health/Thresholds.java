package io.perfect21.p21mon.health;

/**
 * A check's {@code warning} and {@code critical} ranges (either may be absent): critical wins, then warning.
 */
public record Thresholds(Range warning, Range critical) {
    /** No thresholds: everything is healthy. */
    public static final Thresholds NONE = new Thresholds(null, null);

    /** Parses either range (null or blank means none). */
    public static Thresholds parse(String warning, String critical) {
        return new Thresholds(blank(warning) ? null : Range.parse(warning), blank(critical) ? null : Range.parse(critical));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public boolean isEmpty() {
        return warning == null && critical == null;
    }

    /** Unhealthy when the critical range alerts, degraded when the warning range does, else healthy. */
    public HealthStatus status(double value) {
        if (critical != null && critical.alerts(value)) {
            return HealthStatus.UNHEALTHY;
        }
        if (warning != null && warning.alerts(value)) {
            return HealthStatus.DEGRADED;
        }
        return HealthStatus.HEALTHY;
    }

    public String warningText() {
        return warning == null ? "" : warning.text();
    }

    public String criticalText() {
        return critical == null ? "" : critical.text();
    }
}
