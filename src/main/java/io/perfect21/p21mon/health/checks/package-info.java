/**
 * The built-in health check types, one class each: {@code system_resources}, {@code database}, {@code git},
 * {@code http}, {@code tcp}, {@code process}, {@code command} (Nagios plugins) and {@code p21mon} (the self check,
 * which also verifies the audit log). Each is created by its factory in
 * {@link io.perfect21.p21mon.health.HealthChecks} from a {@code health.checks} entry and run by
 * {@link io.perfect21.p21mon.health.HealthRunner} through {@code check()}; a type's libraries (JGit, JDBC, OkHttp)
 * load only when a check of that type is declared.
 */
package io.perfect21.p21mon.health.checks;
