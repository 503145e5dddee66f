package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.CheckConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A check declared in {@code health.checks}: its name, type and timeout come from its entry. */
public abstract class ConfiguredCheck implements HealthCheck {
    private final String name;
    private final String type;
    private final Duration timeout;

    protected ConfiguredCheck(CheckConfig config) {
        this.name = config.name();
        this.type = config.type();
        this.timeout = config.timeout();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** A result of this check. */
    protected HealthCheckResult result(HealthStatus status, String message, Map<String, Object> details,
                                       List<Perfdata> perfdata) {
        return new HealthCheckResult(name, type, status, message, 0, details, perfdata);
    }
}
