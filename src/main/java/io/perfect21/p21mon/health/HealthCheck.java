package io.perfect21.p21mon.health;

import java.time.Duration;

/**
 * One health check: the seed's {@code HealthCheck._perform_check}. {@link HealthRunner} calls {@link #check()} on its
 * own thread with a timeout; an exception or a timeout makes the result {@link HealthStatus#UNKNOWN}, so a check only
 * returns what it actually found. A check should stop promptly when its thread is interrupted.
 *
 * <pre>{@code
 * HealthCheck custom = new HealthCheck() {
 *     public String name() { return "queue"; }
 *     public String type() { return "custom"; }
 *     public HealthCheckResult check() {
 *         return HealthCheckResult.of(name(), type(), HealthStatus.HEALTHY, "12 messages waiting");
 *     }
 * };
 * HealthReport report = new HealthRunner(List.of(custom), Duration.ofSeconds(30)).run();
 * }</pre>
 */
public interface HealthCheck {
    /** Unique name, as in {@code health.checks[].name}. */
    String name();

    /** The type: {@code system_resources}, {@code database}, {@code git}, … or a library's own. */
    String type();

    /** Performs the check. The runner measures its duration. */
    HealthCheckResult check() throws Exception;

    /** This check's own timeout, or null for the runner's default ({@code health.timeout}). */
    default Duration timeout() {
        return null;
    }
}
