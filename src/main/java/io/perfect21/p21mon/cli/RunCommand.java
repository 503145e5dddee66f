package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.notify.NotificationChannels;
import io.perfect21.p21mon.audit.AuditStores;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.JobConfig;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.host.Hostname;
import io.perfect21.p21mon.tracing.JobResult;
import io.perfect21.p21mon.tracing.JobRunner;
import io.perfect21.p21mon.tracing.JobTelemetry;
import io.perfect21.p21mon.tracing.TraceContext;
import io.perfect21.p21mon.tracing.Tracing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon run}: runs a job and records it (span, job metrics, audit event, alert); its exit code passes through. */
@Command(name = "run", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 125, exitCodeOnExecutionException = 125,
        description = {"Run a job with this terminal's stdin, stdout and stderr, and pass its exit code through. Records "
                + "one span (parented to $TRACEPARENT; the job gets its own TRACEPARENT), the p21_job_* metrics "
                + "(with --push), an agent_execution audit event, and an alert when it fails or times out (with "
                + "--notify). A recording that fails is a warning on stderr; the exit code stays the job's.",
            "Defaults per job come from jobs: in the configuration ({name: backup, timeout: 2h, notify: true})."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon run --name backup --timeout 2h --push -- /usr/local/bin/backup --full",
            "  p21mon run --notify -- pg_dump -f /srv/db.sql app",
            "  TRACEPARENT=00-…-01 p21mon run -- ./step.sh   # the job's span joins the caller's trace"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"N:the job's own exit code", "124:the job ran out of --timeout (stopped: SIGTERM, SIGKILL after 5s)",
            "125:p21mon run itself failed (bad flag, bad configuration, no command)",
            "126:the command cannot be run", "127:the command was not found", "128+n:the job was killed by signal n"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;

    @Option(names = "--name", paramLabel = "JOB", description = "Job name (metrics, audit, alert, jobs: entry). "
            + "Default: the command's file name.")
    String name;
    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop the job after this long (e.g. 90s, 2h); "
            + "exit code 124. Default: the job's jobs: timeout, else none.")
    String timeout;
    @Option(names = "--push", arity = "0..1", fallbackValue = "", paramLabel = "URL",
            description = "Push the p21_job_* metrics to this Pushgateway (no URL: metrics.pushgateway_url).")
    String push;
    @Option(names = "--notify", negatable = true, description = "Alert through alerting: channels when the job fails or "
            + "times out, and resolve on its next success. Default: the job's jobs: notify.")
    Boolean notify;
    @Option(names = "--audit", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Append an agent_execution event to the audit log (default: on; --no-audit: off).")
    boolean audit;
    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The command and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() {
        P21monConfig config = options.config();
        String job = name != null ? name : Path.of(command.get(0)).getFileName().toString();
        JobConfig known = config.jobs().stream().filter(j -> j.name().equals(job)).findFirst().orElse(null);
        java.time.Duration limit = timeout != null ? parseTimeout(timeout) : known != null ? known.timeout() : null;
        boolean alert = notify != null ? notify : known != null && known.notifyOnFailure();
        Services s = P21mon.services(spec);
        PrintWriter err = spec.commandLine().getErr();
        try (Tracing tracing = TracingSetup.open(spec, options)) {
            JobResult r = new JobRunner(tracing, s.clock(), Hostname::local)
                    .run(new JobRunner.Job(job, command, limit, s.workDir(), s.env()), TraceContext.fromEnvironment(s.env()));
            if (r.exitCode() == JobResult.EXIT_NOT_FOUND || r.exitCode() == JobResult.EXIT_CANNOT_RUN
                    || r.result().equals(JobResult.TIMEOUT)) {
                err.println("p21mon: run: " + job + ": " + r.message());
            }
            var channels = alert ? NotificationChannels.from(config.alerting()) : List.<io.perfect21.p21mon.alerts.notify.NotificationChannel>of();
            if (alert && channels.isEmpty()) {
                err.println("p21mon: run: --notify: no notification channel is configured (alerting.webhook.url)");
            }
            String gateway = push == null ? null : push.isEmpty() ? config.metrics().pushgatewayUrl() : push;
            var targets = new JobTelemetry.Targets(gateway, java.time.Duration.ofSeconds(10),
                    audit ? () -> AuditStores.open(config.audit(), s.workDir(), s.clock(), null) : null,
                    channels, options.stateDir(), config.alerting().repeatInterval());
            new JobTelemetry(targets, s.clock()).record(r).forEach(p -> err.println("p21mon: run: " + job + ": " + p));
            err.flush();
            return r.exitCode();
        }
    }

    private static java.time.Duration parseTimeout(String text) {
        try {
            java.time.Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw P21monException.usage("--timeout '" + text + "': " + e.getMessage());
        }
    }
}
