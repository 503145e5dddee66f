package io.perfect21.p21mon.health;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;
import java.util.Locale;

/**
 * The state of one health check or of a whole run, with its Nagios meaning: healthy is OK (exit 0), degraded is
 * WARNING (1), unhealthy is CRITICAL (2), unknown is UNKNOWN (3): the check timed out, crashed or could not run.
 * JSON writes the lower-case name.
 */
public enum HealthStatus {
    HEALTHY(0, "OK", 0),
    DEGRADED(1, "WARNING", 1),
    UNHEALTHY(2, "CRITICAL", 3),
    UNKNOWN(3, "UNKNOWN", 2);

    private final int nagiosCode;
    private final String nagiosLabel;
    private final int severity;

    HealthStatus(int nagiosCode, String nagiosLabel, int severity) {
        this.nagiosCode = nagiosCode;
        this.nagiosLabel = nagiosLabel;
        this.severity = severity;
    }

    /** The plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
    public int nagiosCode() {
        return nagiosCode;
    }

    /** {@code OK}, {@code WARNING}, {@code CRITICAL} or {@code UNKNOWN}. */
    public String nagiosLabel() {
        return nagiosLabel;
    }

    /** {@code healthy}, {@code degraded}, {@code unhealthy}, {@code unknown}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * How bad it is when statuses are combined: unhealthy, then unknown, then degraded, then healthy. Unknown ranks
     * above degraded so that a check that cannot run is not hidden behind a warning, and below unhealthy so that a
     * real outage still pages as critical.
     */
    public int severity() {
        return severity;
    }

    /** The status of the given code (0–3); any other code is unknown. */
    public static HealthStatus ofNagiosCode(int code) {
        for (HealthStatus s : values()) {
            if (s.nagiosCode == code) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** The worse of two statuses (see {@link #severity()}). */
    public HealthStatus worse(HealthStatus other) {
        return other != null && other.severity > severity ? other : this;
    }

    /** The worst of the statuses; healthy when there are none. */
    public static HealthStatus worst(Collection<HealthStatus> statuses) {
        HealthStatus w = HEALTHY;
        for (HealthStatus s : statuses) {
            w = w.worse(s);
        }
        return w;
    }

    /** The worst of the statuses; healthy when there are none. */
    public static HealthStatus worst(HealthStatus... statuses) {
        return worst(java.util.Arrays.asList(statuses));
    }

    /** Parses {@code healthy}, {@code ok}, {@code warning}, … (any case). */
    public static HealthStatus parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "healthy", "ok" -> HEALTHY;
            case "degraded", "warning" -> DEGRADED;
            case "unhealthy", "critical" -> UNHEALTHY;
            case "unknown" -> UNKNOWN;
            default -> throw new IllegalArgumentException("'" + text + "' is not a health status; "
                    + "use healthy, degraded, unhealthy or unknown");
        };
    }
}
