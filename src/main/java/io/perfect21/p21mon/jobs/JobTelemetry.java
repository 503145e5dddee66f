package io.perfect21.p21mon.jobs;

import io.perfect21.p21mon.alerts.Notifier;
import io.perfect21.p21mon.alerts.notify.NotificationChannel;
import io.perfect21.p21mon.audit.AuditEvent;
import io.perfect21.p21mon.audit.AuditEventType;
import io.perfect21.p21mon.audit.AuditLevel;
import io.perfect21.p21mon.audit.AuditLogger;
import io.perfect21.p21mon.audit.AuditStore;
import io.perfect21.p21mon.client.PushgatewayClient;
import io.perfect21.p21mon.metrics.JobMetrics;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records a finished {@code p21mon run} everywhere it was asked to, each part on its own: the {@code p21_job_*} metrics
 * pushed ({@code POST} to {@code /metrics/job/JOB/instance/HOST}, so other metrics of the group stay; the counter and
 * the last success come from {@link JobCounts}, so a failed run never erases the last success), an
 * {@code agent_execution} audit event, and a {@code JobFailed} alert through the {@link Notifier} (resolved by the next
 * success). A part that fails is reported in the returned list, never thrown: the job's own exit code must survive.
 */
public final class JobTelemetry {
    public static final String ALERT_NAME = "JobFailed";

    /**
     * What to record: the Pushgateway (null: no push), the audit store (null: no event), the channels to notify (empty:
     * no alert), the state directory (counts, alert state), the alert repeat interval.
     */
    public record Targets(String pushgatewayUrl, Duration pushTimeout, Supplier<AuditStore> audit,
                          List<NotificationChannel> channels, Path stateDir, Duration repeatInterval) {
        public Targets {
            channels = List.copyOf(channels);
        }
    }

    private final Targets targets;
    private final Clock clock;

    public JobTelemetry(Targets targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    /** Records the run; returns one line per part that failed. */
    public List<String> record(JobResult r) {
        List<String> problems = new ArrayList<>();
        if (targets.pushgatewayUrl() != null) {
            guard(problems, "push", () -> push(r));
        }
        if (targets.audit() != null) {
            guard(problems, "audit", () -> audit(r));
        }
        if (!targets.channels().isEmpty()) {
            guard(problems, "notify", () -> notify(r, problems));
        }
        return problems;
    }

    private interface Part {
        void run() throws Exception;
    }

    private static void guard(List<String> problems, String what, Part part) {
        try {
            part.run();
        } catch (Exception | LinkageError e) {
            problems.add(what + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    private void push(JobResult r) throws java.io.IOException {
        JobCounts.Snapshot counts = JobCounts.add(targets.stateDir(), r);
        byte[] body = JobMetrics.exposition(new JobMetrics.Run(r.job(), counts.runsByResult(), r.durationSeconds(),
                r.exitCode(), counts.lastSuccessEpochSeconds()));
        new PushgatewayClient(targets.pushgatewayUrl(), targets.pushTimeout())
                .push(r.job(), Map.of("instance", r.host()), body, false);
    }

    /** The audit event of a run: what ran, how it ended, and the trace to find its span by. */
    public static AuditEvent auditEvent(JobResult r, String user) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("command", String.join(" ", r.command()));
        details.put("exit_code", r.exitCode());
        details.put("duration_seconds", Math.round(r.durationSeconds() * 1000) / 1000.0);
        details.put("message", r.message());
        details.put("trace_id", r.traceId());
        details.put("span_id", r.spanId());
        AuditLevel level = r.succeeded() ? AuditLevel.INFO : AuditLevel.ERROR;
        return AuditEvent.of(AuditEventType.AGENT_EXECUTION, level, user, "run").withResource(r.job())
                .withResult(r.result()).withDetails(details);
    }

    private void audit(JobResult r) {
        new AuditLogger(targets.audit().get()).log(auditEvent(r, System.getProperty("user.name")));
    }

    private void notify(JobResult r, List<String> problems) {
        Map<String, String> key = Notifier.labels("alertname", ALERT_NAME, "job", r.job(), "instance", r.host());
        Map<String, String> labels = Notifier.labels("alertname", ALERT_NAME, "job", r.job(), "instance", r.host(),
                "severity", "critical", "result", r.result());
        Map<String, String> annotations = Notifier.labels(
                "summary", "job " + r.job() + " on " + r.host() + ": " + r.message(),
                "description", String.join(" ", r.command()) + " → exit " + r.exitCode() + " after "
                        + Math.round(r.durationSeconds() * 10) / 10.0 + "s (trace " + r.traceId() + ")");
        Notifier n = new Notifier(targets.stateDir(), "jobs", targets.channels(), targets.repeatInterval(), clock);
        Notifier.Outcome o = n.process(List.of(new Notifier.Observation(key, r.result(), !r.succeeded(), labels, annotations)));
        o.errors().forEach(e -> problems.add("notify: " + e));
    }
}
