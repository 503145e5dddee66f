package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.health.HealthChecks;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthService;
import io.perfect21.p21mon.tracing.Tracing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon health}: runs the health checks concurrently and reports them, with Nagios exit codes. */
@Command(name = "health", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3,
        description = {"Run the health checks of health.checks (default: system_resources and p21mon) concurrently, "
                + "each with its own timeout, and report them.",
            "Formats (-o): table, json, yaml, nagios, prometheus."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon health",
            "  p21mon health -o nagios                  # for Nagios/Icinga",
            "  p21mon health --check db --check api -o json",
            "  p21mon health -q --notify --textfile-dir /var/lib/node_exporter   # cron",
            "  p21mon health --watch 5                  # live; q or Ctrl-C to leave"
        },
        exitCodeListHeading = "%nExit codes (Nagios):%n",
        exitCodeList = {"0:OK: every check healthy", "1:WARNING: a check is degraded",
            "2:CRITICAL: a check is unhealthy",
            "3:UNKNOWN: a check timed out or could not run, or a bad flag or configuration"})
public final class HealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;

    @Option(names = "--check", paramLabel = "NAME", description = "Run only this check (repeatable).")
    List<String> checks = new ArrayList<>();
    @Option(names = "--list", description = "List the declared checks and exit.")
    boolean list;
    @Option(names = "--watch", arity = "0..1", fallbackValue = "NaN", paramLabel = "SECONDS",
            description = "Run again every SECONDS (> 0; alone: health.interval) and redraw, until q or Ctrl-C.")
    Double watch;
    @Option(names = "--textfile-dir", paramLabel = "DIR",
            description = "Also write DIR/p21mon_health.prom for node_exporter's textfile collector (atomically).")
    Path textfileDir;
    @Option(names = "--json-out", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path jsonOut;
    @Option(names = "--junit-out", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE.")
    Path junitOut;
    @Option(names = "--notify", description = "Notify state changes through the channels of alerting: (and resolved ones).")
    boolean notify;

    /** The health service over the loaded configuration, the services' host probe, environment and state dir. */
    static HealthService service(CommandSpec spec, ConfigOptions options) {
        Services s = P21mon.services(spec);
        ConfigLoader.Loaded loaded = options.loaded();
        HealthContext context = new HealthContext(loaded.config(), loaded.source(), s.hostProbe(), s.env(), s.workDir(),
                options.stateDir());
        return new HealthService(context, HealthChecks.standard(), s.clock());
    }

    @Override
    public Integer call() {
        HealthService service = service(spec, options);
        if (list) {
            output.check(HealthService.CheckList.class, "table");
            output.print(service.list());
            return ExitCodes.OK;
        }
        output.check(HealthReport.class, "table");
        try (Tracing tracing = TracingSetup.open(spec, options)) {
            HealthWatch watcher = new HealthWatch(spec, options, output, service, checks,
                    new HealthService.Sinks(textfileDir, jsonOut, junitOut), notify, tracing);
            if (watch != null) {
                return watcher.watch(watch);
            }
            HealthReport report = watcher.once();
            output.print(report);
            return report.exitCode();
        }
    }
}
