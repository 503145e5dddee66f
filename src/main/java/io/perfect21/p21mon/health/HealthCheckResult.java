package io.perfect21.p21mon.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one check found: its status and a one-line message, how long it took (milliseconds), the values it measured in
 * {@code details} (JSON), and the same values as Nagios performance data for the {@code nagios} and Prometheus outputs
 * (not in JSON, whose shape SPEC §4.1 fixes).
 */
@JsonPropertyOrder({"name", "type", "status", "message", "duration_ms", "details"})
public record HealthCheckResult(String name, String type, HealthStatus status, String message, long durationMs,
                                Map<String, Object> details, @JsonIgnore List<Perfdata> perfdata) {

    public HealthCheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        type = type == null ? "custom" : type;
        message = message == null ? "" : message;
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        perfdata = perfdata == null ? List.of() : List.copyOf(perfdata);
    }

    /** A result with no details or perfdata. */
    public static HealthCheckResult of(String name, String type, HealthStatus status, String message) {
        return new HealthCheckResult(name, type, status, message, 0, Map.of(), List.of());
    }

    /** The same result with the given duration. */
    public HealthCheckResult withDuration(long millis) {
        return new HealthCheckResult(name, type, status, message, millis, details, perfdata);
    }

    /** The same result under another name and type (the runner makes results carry their check's name). */
    public HealthCheckResult named(String newName, String newType) {
        return new HealthCheckResult(newName, newType, status, message, durationMs, details, perfdata);
    }

    /** The long output (lines after the first) of a plugin check, or empty. */
    @JsonIgnore
    public String longOutput() {
        Object v = details.get("long_output");
        return v == null ? "" : v.toString();
    }
}
