package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.HealthAlerts;
import io.perfect21.p21mon.alerts.Notifier;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthService;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The plumbing of {@code p21mon health} between its options and {@link HealthService}: one run with its sinks and
 * notifications, and the {@code --watch} loop (on a terminal: clear and redraw, q or Ctrl-C to leave, see
 * {@link WatchKeys}; otherwise each report appended, until interrupted).
 */
final class HealthWatch {
    private final CommandSpec spec;
    private final ConfigOptions options;
    private final OutputOptions output;
    private final HealthService service;
    private final List<String> names;
    private final HealthService.Sinks sinks;
    private final boolean notify;
    private final io.perfect21.p21mon.tracing.Tracing tracing;

    HealthWatch(CommandSpec spec, ConfigOptions options, OutputOptions output, HealthService service, List<String> names,
                HealthService.Sinks sinks, boolean notify, io.perfect21.p21mon.tracing.Tracing tracing) {
        this.spec = spec;
        this.options = options;
        this.output = output;
        this.service = service;
        this.names = names;
        this.sinks = sinks;
        this.notify = notify;
        this.tracing = tracing;
    }

    /** One run: checks, sinks, notifications. */
    HealthReport once() {
        Notifier notifier = notify ? notifier() : null;
        if (notify && notifier.routing().channels().isEmpty()) {
            throw P21monException.usage("--notify: no notification channel is configured (alerting.channels, "
                    + "alerting.webhook, alerting.slack_webhook, alerting.email)");
        }
        warmUpJson();
        HealthReport report = service.run(names);
        if (tracing.enabled()) {
            tracing.record(io.perfect21.p21mon.health.HealthSpans.tree(report),
                    io.perfect21.p21mon.tracing.TraceContext.fromEnvironment(P21mon.services(spec).env()));
        }
        service.writeSinks(report, sinks);
        if (notify) {
            Notifier.Outcome o = HealthAlerts.notify(notifier, report);
            PrintWriter err = spec.commandLine().getErr();
            o.errors().forEach(e -> err.println("p21mon: notify: " + e));
            if (!options.quiet() && (o.sent() + o.resent() + o.spooled()) > 0) {
                err.println("p21mon: notify: " + o.sent() + " sent, " + o.resent() + " re-sent from the spool, "
                        + o.spooled() + " spooled");
            }
            err.flush();
        }
        return report;
    }

    private Notifier notifier() {
        Services s = P21mon.services(spec);
        return Notifier.of(options.config().alerting(), s.workDir(), options.stateDir(), HealthAlerts.NAMESPACE, s.clock());
    }

    /** Builds the JSON/YAML mapper (a few hundred ms cold) while the checks run, when the output will need it. */
    private void warmUpJson() {
        String format = output.format("table");
        boolean yaml = format.equals("yaml");
        if (yaml || format.equals("json") || sinks.jsonOut() != null) {
            Thread t = new Thread(() -> {
                io.perfect21.p21mon.Json.mapper();
                if (yaml) {
                    io.perfect21.p21mon.Json.yaml();
                }
            }, "warm-json");
            t.setDaemon(true);
            t.start();
        }
    }

    private static String format(double seconds) {
        return seconds == Math.rint(seconds) && !Double.isInfinite(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    /** Runs every interval until q, Ctrl-C or interruption; returns the last run's exit code. */
    int watch(double seconds) {
        // --watch alone (picocli's fallback, NaN) means health.interval; a given SECONDS must be positive
        if (!Double.isNaN(seconds) && (seconds <= 0 || Double.isInfinite(seconds))) {
            throw P21monException.usage("--watch: SECONDS must be a positive number, got " + format(seconds)
                    + " (give none to use health.interval)");
        }
        Services s = P21mon.services(spec);
        long intervalMs = !Double.isNaN(seconds) ? Math.max(1, Math.round(seconds * 1000))
                : options.config().health().interval().toMillis();
        PrintWriter out = spec.commandLine().getOut();
        int code = 3;
        try (WatchKeys keys = WatchKeys.open(s, Thread.currentThread())) {
            try {
                while (!keys.quit() && !Thread.currentThread().isInterrupted()) {
                    HealthReport report = once();
                    if (Thread.currentThread().isInterrupted()) {
                        break; // stopped mid-run: its interrupted checks say nothing about the service
                    }
                    code = report.exitCode();
                    if (s.terminal()) {
                        out.print("\u001b[H\u001b[2J");
                    } else {
                        // a stream jq and YAML readers can still read: JSON documents back to back, YAML's own separator
                        String format = output.format("table");
                        if (format.equals("yaml")) {
                            out.println("---");
                        } else if (!format.equals("json")) {
                            out.println("--- " + report.timestamp());
                        }
                    }
                    output.print(report);
                    if (s.terminal()) {
                        out.println();
                        out.println("every " + intervalMs / 1000.0 + "s; q to quit");
                    }
                    out.flush();
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMs);
                    while (!keys.quit() && System.nanoTime() < until) {
                        Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
                    }
                }
            } catch (InterruptedException e) {
                if (!keys.quit()) {
                    Thread.currentThread().interrupt(); // the caller's interrupt, not a key: keep it
                }
            }
        }
        return code;
    }
}
