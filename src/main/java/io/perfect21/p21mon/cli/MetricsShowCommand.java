package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.metrics.MetricsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code p21mon metrics show}: one snapshot of the exporter's metrics. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print one snapshot of the metrics 'metrics serve' exposes: host, git repositories, JVM and "
                + "process (and health checks with --health).",
            "Formats (-o): table, prometheus (text 0.0.4), openmetrics, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon metrics show",
            "  p21mon metrics show -o prometheus | promtool check metrics",
            "  p21mon metrics show -o json | jq '.families[] | select(.name == \"p21_host_load1\")'"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:bad flag or configuration"})
public final class MetricsShowCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;

    @Option(names = "--health", description = "Run the health checks too (p21_health_*); they may take a second or more.")
    boolean health;

    @Override
    public void run() {
        output.check(MetricsReport.class, "table");
        output.print(MetricsCommand.service(spec, options).snapshot(health), "table");
    }
}
