package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.metrics.MetricsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon metrics}: the Prometheus exporter, one snapshot, pushes and PromQL queries. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Prometheus metrics: serve this host's metrics (host, health checks, git repositories, JVM) "
                + "as an exporter, print one snapshot, push values to a Pushgateway, query any Prometheus API.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon metrics serve --listen 127.0.0.1:8080",
            "  p21mon metrics show -o prometheus | promtool check metrics",
            "  p21mon metrics push --job backup backup_size_bytes=1.2e9 backup_last_success_timestamp_seconds=$(date +%%s)",
            "  p21mon metrics query 'rate(p21_host_cpu_seconds_total[5m])' --range 1h --plot"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed (server down, port in use, query error)",
            "2:bad usage or configuration"})
public final class MetricsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }

    /** The metrics service over the command's configuration, host probe and health checks. */
    static MetricsService service(CommandSpec spec, ConfigOptions options) {
        Services s = P21mon.services(spec);
        ConfigLoader.Loaded loaded = options.loaded();
        return new MetricsService(loaded.config(), s.hostProbe(), s.clock(), s.workDir(),
                () -> HealthCommand.service(spec, options).runner());
    }
}
