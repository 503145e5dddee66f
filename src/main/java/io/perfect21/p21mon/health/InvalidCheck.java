package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.CheckConfig;

import java.util.List;
import java.util.Map;

/**
 * Stands in for a {@code health.checks} entry that cannot be built (unknown type, missing or bad key): it reports
 * {@link HealthStatus#UNKNOWN} with the configuration error, so the other checks still run and the exit code is 3.
 */
public final class InvalidCheck extends ConfiguredCheck {
    private final String problem;

    public InvalidCheck(CheckConfig config, String problem) {
        super(config);
        this.problem = problem;
    }

    /** The configuration error. */
    public String problem() {
        return problem;
    }

    @Override
    public HealthCheckResult check() {
        return result(HealthStatus.UNKNOWN, "invalid configuration: " + problem, Map.of("config_error", problem), List.of());
    }
}
