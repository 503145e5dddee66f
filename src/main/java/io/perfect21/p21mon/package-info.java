/**
 * p21mon: a monitoring and operations command line, usable as a library. This root package holds only the helpers
 * every other package may use: {@link io.perfect21.p21mon.P21monException} (a failure fit for the user's eyes, mapped
 * to an exit code by the CLI), {@link io.perfect21.p21mon.AtomicFiles} (whole-file writes by rename),
 * {@link io.perfect21.p21mon.FileLocks} (a lock file across processes and threads) and
 * {@link io.perfect21.p21mon.Json} (the shared Jackson mappers). The command line starts in
 * {@code io.perfect21.p21mon.cli.P21mon}; the layering (cli → features → adapters) is kept by {@code ArchitectureTest}.
 */
package io.perfect21.p21mon;
