package io.perfect21.p21mon.health;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of health checks: the worst status, the host, when the run started, how long it took (milliseconds) and
 * each check's result in declaration order. Its JSON is SPEC §4.1's
 * {@code {"status","host","timestamp","duration_ms","checks":[...]}}.
 */
@JsonPropertyOrder({"status", "host", "timestamp", "duration_ms", "checks"})
public record HealthReport(HealthStatus status, String host, Instant timestamp, long durationMs,
                           List<HealthCheckResult> checks) {

    public HealthReport {
        checks = List.copyOf(checks);
    }

    /** The Nagios exit code of the whole run: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown. */
    public int exitCode() {
        return status.nagiosCode();
    }

    /** The result of the named check. */
    public Optional<HealthCheckResult> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** How many checks have the status. */
    public long count(HealthStatus s) {
        return checks.stream().filter(c -> c.status() == s).count();
    }
}
