/**
 * The monitoring stack of SPEC §4.6: {@link io.perfect21.p21mon.stack.StackWriter} renders its files from the
 * FreeMarker templates of {@code templates/stack/} ({@code stack config}); {@link io.perfect21.p21mon.stack.NativeRuntime}
 * and {@link io.perfect21.p21mon.stack.DockerRuntime} start and stop it ({@code stack up}, {@code stack down});
 * {@link io.perfect21.p21mon.stack.StackProbe} and {@link io.perfect21.p21mon.stack.StackVerifier} report on it
 * ({@code stack status}, {@code stack verify}). Rule files, the Alertmanager configuration and dashboards come from
 * a {@link io.perfect21.p21mon.stack.StackParts}, given by the caller.
 */
package io.perfect21.p21mon.stack;
