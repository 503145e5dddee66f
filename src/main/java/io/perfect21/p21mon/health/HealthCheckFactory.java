package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.CheckConfig;

/**
 * Builds checks of one type from their {@code health.checks} entries. The built-in types are registered in
 * {@link HealthChecks}; a library adds its own by listing its factory in
 * {@code META-INF/services/io.perfect21.p21mon.health.HealthCheckFactory}, and the CLI finds it with
 * {@link java.util.ServiceLoader}. {@code create} validates the entry's keys and throws
 * {@link io.perfect21.p21mon.config.ConfigException} for a bad one: declare them with
 * {@code CheckOptions.of(config, List.of(required...), optional...)} first, which reports every unknown and missing
 * key at once. {@code health} turns the exception into the check's UNKNOWN result, and {@code config validate}
 * places its problems at the entry's line and column, so the one constructor is the only definition of the type.
 */
public interface HealthCheckFactory {
    /** The {@code type:} value this factory handles. */
    String type();

    /** The check the entry declares. */
    HealthCheck create(CheckConfig config, HealthContext context);
}
