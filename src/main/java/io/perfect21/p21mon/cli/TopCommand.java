package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.audit.AuditStore;
import io.perfect21.p21mon.audit.AuditStores;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.HealthService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon top}: a full-screen live view of the host, its health checks, firing alerts and audit events. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"A live view: CPU (total and per processor) and memory as bars, load, network rates, file "
                + "systems near their threshold, the health checks, firing alerts and the latest audit events.",
            "Keys: q quit, h help, s sort the checks, p pause. When stdout is not a terminal (or with --plain) it "
                + "prints the view every interval instead (-n to stop after N): the first view is complete (CPU and "
                + "network over a sample of up to 1 s, the health checks run, the audit events of today), and lines "
                + "are not cut unless stdout is a terminal."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon top",
            "  p21mon top --interval 5",
            "  p21mon top --plain -n 1 > snapshot.txt"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:quit", "1:the terminal could not be used", "2:bad usage or configuration"})
public final class TopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Refresh every SECONDS (default: ${DEFAULT-VALUE}).")
    double interval;
    @Option(names = {"-n", "--iterations"}, paramLabel = "N", defaultValue = "0",
            description = "Plain mode: stop after N views (default: until interrupted).")
    int iterations;
    @Option(names = "--plain", description = "Print the view every interval, no full screen (implied when stdout "
            + "is not a terminal).")
    boolean plain;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!(interval > 0)) {
            throw P21monException.usage("--interval must be more than 0 seconds, got " + interval);
        }
        if (iterations < 0) {
            throw P21monException.usage("--iterations must be 0 (no limit) or more, got " + iterations);
        }
        Services s = P21mon.services(spec);
        P21monConfig config = options.config();
        HealthService health = HealthCommand.service(spec, options);
        Duration every = Duration.ofMillis((long) (interval * 1000));
        Duration healthEvery = every.compareTo(config.health().interval()) > 0 ? every : config.health().interval();
        double diskWarning = config.health().diskWarning() / 100.0;
        try (TopFeed feed = new TopFeed(s.hostProbe().get(), s.clock(), options.stateDir(), () -> health.run(List.of()),
                healthEvery, auditStore(s, config, options.stateDir()))) {
            String host = s.hostProbe().get().hostname();
            if (plain || !s.terminal()) {
                return new TopPlain(feed, host, every, diskWarning, TopPlain.width(s)).run(spec.commandLine().getOut(),
                        iterations, config.health().timeout().plusSeconds(5));
            }
            return new TopDisplay(feed, host, every, diskWarning, OutputOptions.colorAllowed(s)).run(s.shellTerminal());
        }
    }

    private static AuditStore auditStore(Services s, P21monConfig config, java.nio.file.Path stateDir) {
        try {
            return AuditStores.open(config.audit(), s.workDir(), stateDir, s.clock(), null);
        } catch (RuntimeException e) {
            return null; // no audit log to show (unreadable key file, say): the section stays empty
        }
    }
}
