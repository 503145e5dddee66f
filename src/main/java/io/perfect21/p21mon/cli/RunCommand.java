package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.notify.NotificationChannel;
import io.perfect21.p21mon.alerts.notify.NotificationChannels;
import io.perfect21.p21mon.audit.AuditStores;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.JobConfig;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.host.Hostname;
import io.perfect21.p21mon.jobs.JobResult;
import io.perfect21.p21mon.jobs.JobRunner;
import io.perfect21.p21mon.jobs.JobTelemetry;
import io.perfect21.p21mon.tracing.TraceContext;
import io.perfect21.p21mon.tracing.Tracing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code p21mon run}: runs a job and records it (span, job metrics, audit event, alert); its exit code passes through.
 * Its model is built in code ({@link RunSpec}): {@code run} wraps every cron job, so its start-up is the job's
 * overhead, and reading picocli's annotations was a third of it. The annotation below only names it.
 */
@Command(name = "run")
public final class RunCommand implements Callable<Integer> {
    CommandSpec spec;

    /** The command's model, with this command as its user object. */
    static CommandSpec spec() {
        RunCommand run = new RunCommand();
        run.spec = RunSpec.build(run);
        return run.spec;
    }

    private <T> T value(String option) {
        return spec.findOption(option).getValue();
    }

    @Override
    public Integer call() {
        ConfigOptions options = RunSpec.configOptions(spec);
        P21monConfig config = options.config();
        List<String> command = spec.positionalParameters().get(0).getValue();
        String name = value("--name");
        String timeout = value("--timeout");
        String push = value("--push");
        Boolean notify = value("--notify");
        boolean audit = value("--audit");
        String job = name != null ? name : Path.of(command.get(0)).getFileName().toString();
        JobConfig known = config.jobs().stream().filter(j -> j.name().equals(job)).findFirst().orElse(null);
        Duration limit = timeout != null ? parseTimeout(timeout) : known != null ? known.timeout() : null;
        boolean alert = notify != null ? notify : known != null && known.notifyOnFailure();
        Services s = P21mon.services(spec);
        PrintWriter err = spec.commandLine().getErr();
        try (Tracing tracing = TracingSetup.open(spec, options)) {
            JobResult r = new JobRunner(tracing, s.clock(), Hostname::local)
                    .run(new JobRunner.Job(job, command, limit, s.workDir(), s.env()), TraceContext.fromEnvironment(s.env()));
            if (!r.started()) {
                err.println("p21mon: run: " + command.get(0) + ": " + r.message()); // as sh: 'nosuchcmd: command not found'
            } else if (r.result().equals(JobResult.TIMEOUT)) {
                err.println("p21mon: run: " + job + ": " + r.message());
            }
            List<NotificationChannel> channels = alert ? NotificationChannels.from(config.alerting()) : List.of();
            if (alert && channels.isEmpty()) {
                err.println("p21mon: run: --notify: no notification channel is configured (alerting.webhook.url)");
            }
            String gateway = push == null ? null : push.isEmpty() ? config.metrics().pushgatewayUrl() : push;
            var targets = new JobTelemetry.Targets(gateway, Duration.ofSeconds(10),
                    audit ? () -> AuditStores.open(config.audit(), s.workDir(), options.stateDir(), s.clock(), null) : null,
                    channels, options.stateDir(), config.alerting().repeatInterval());
            new JobTelemetry(targets, s.clock()).record(r).forEach(p -> err.println("p21mon: run: " + job + ": " + p));
            err.flush();
            return r.exitCode();
        }
    }

    private static Duration parseTimeout(String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw P21monException.usage("--timeout '" + text + "': " + e.getMessage());
        }
    }
}
