package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.CheckConfig;

/** A check type found through ServiceLoader, as a library would add one: {@code {type: echo, status: degraded}}. */
public final class EchoCheckFactory implements HealthCheckFactory {
    @Override
    public String type() {
        return "echo";
    }

    @Override
    public HealthCheck create(CheckConfig config, HealthContext context) {
        CheckOptions o = CheckOptions.of(config, "status");
        HealthStatus status = HealthStatus.parse(o.requiredString("status"));
        return new ConfiguredCheck(config) {
            @Override
            public HealthCheckResult check() {
                return result(status, "echo " + status.label(), java.util.Map.of(), java.util.List.of());
            }
        };
    }
}
