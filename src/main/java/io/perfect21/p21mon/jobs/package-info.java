/**
 * Jobs ({@code p21mon run}, SPEC §4.7, and {@code jobs:} in the configuration): {@link io.perfect21.p21mon.jobs.JobRunner}
 * runs a command with inherited stdio, its timeout (exit 124) and signals (128+n), inside one span whose context the
 * child gets in {@code TRACEPARENT}; {@link io.perfect21.p21mon.jobs.JobTelemetry} then records the run: the
 * {@code p21_job_*} metrics pushed to the Pushgateway ({@link io.perfect21.p21mon.jobs.JobCounts} keeps the counters
 * between runs), an AGENT_EXECUTION audit event, and an alert through the notifier when the job failed or timed out.
 * A telemetry failure is reported, never allowed to change the job's own exit code. The flow starts at
 * {@code JobRunner.run}.
 */
package io.perfect21.p21mon.jobs;
