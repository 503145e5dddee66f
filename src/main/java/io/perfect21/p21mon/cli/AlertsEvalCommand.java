package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.AlertEvaluator;
import io.perfect21.p21mon.alerts.AlertEvaluator.EvalReport;
import io.perfect21.p21mon.alerts.notify.NotificationChannels;
import io.perfect21.p21mon.health.HealthService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.perfect21.p21mon.tracing.TraceContext;
import io.perfect21.p21mon.tracing.Tracing;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon alerts eval}: the host-level rules evaluated on this host, with no Prometheus. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the host-level rules (HighCPUUsage, HighMemoryUsage, DiskSpaceLow, HighLoad, "
                + "HealthCheckFailing: the same names, thresholds and 'for' as 'alerts rules' writes) on this host, "
                + "keeping each alert's pending-since time in the state dir, so 'for: 5m' works from a cron job that "
                + "runs every minute. Each firing and resolved transition is notified once through alerting:'s channels.",
            "Formats (-o): table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  * * * * *  p21mon alerts eval -q -o json > /dev/null   # crontab", "  p21mon alerts eval --watch 30"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no alert fires (pending ones may)", "1:an alert fires, or the evaluation failed",
            "2:bad usage or configuration"})
public final class AlertsEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;
    @Mixin
    OutputOptions output;

    @Option(names = "--watch", arity = "0..1", fallbackValue = "0", paramLabel = "SECONDS",
            description = "Evaluate again every SECONDS (default alerting.evaluation_interval) until interrupted.")
    Double watch;

    @Override
    public Integer call() {
        output.check(EvalReport.class, "table");
        Services s = P21mon.services(spec);
        HealthService health = HealthCommand.service(spec, config);
        AlertEvaluator evaluator = new AlertEvaluator(config.config(), s.hostProbe().get(), () -> health.run(List.of()),
                config.stateDir(), NotificationChannels.from(config.config().alerting()), s.clock());
        if (watch != null && (watch < 0 || watch.isNaN())) {
            throw P21monException.usage("--watch: SECONDS must not be negative, got " + watch);
        }
        long intervalMs = watch == null ? 0 : watch > 0 ? Math.round(watch * 1000)
                : config.config().alerting().evaluationInterval().toMillis();
        PrintWriter out = spec.commandLine().getOut();
        try (Tracing tracing = TracingSetup.open(spec, config)) {
            return loop(evaluator, tracing, intervalMs, out, s);
        }
    }

    /** Evaluates once, or with --watch until interrupted (Ctrl-C in the shell): then the last evaluation's code. */
    private int loop(AlertEvaluator evaluator, Tracing tracing, long intervalMs, PrintWriter out, Services s) {
        while (true) {
            long start = System.nanoTime();
            EvalReport report = evaluator.evaluate();
            if (tracing.enabled()) {
                tracing.record(report.spanTree(Duration.ofNanos(System.nanoTime() - start)),
                        TraceContext.fromEnvironment(s.env()));
            }
            if (watch != null && !"json".equals(output.format("table"))) {
                out.println(s.terminal() ? "\u001b[H\u001b[2J" : "--- " + report.timestamp());
            }
            output.print(report);
            if (!config.quiet()) {
                report.notifications().errors().forEach(e -> spec.commandLine().getErr().println("p21mon: " + e));
            }
            int code = report.firing() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
            if (watch == null) {
                return code;
            }
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return code;
            }
        }
    }
}
