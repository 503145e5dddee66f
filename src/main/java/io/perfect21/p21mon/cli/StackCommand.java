package io.perfect21.p21mon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon stack}: the monitoring stack. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "The monitoring stack (Prometheus, Alertmanager, Pushgateway, node_exporter, Grafana, Loki and "
                + "Jaeger; --without logs,traces trims them, --with blackbox,cadvisor adds probes and container "
                + "metrics) from one configuration: write its files, run it with Docker or as "
                + "native processes, check and stop it. Reference: ${sys:p21mon.docs:-docs}/stack.md.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon stack config --dir monitoring --with blackbox",
            "  p21mon stack up --runtime native && p21mon stack verify",
            "  p21mon stack status -o json",
            "  p21mon stack down"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation ran and failed (port busy, binary missing, service not ready, "
            + "check failed)", "2:bad usage or configuration (no stack written yet, stack dir of another version)"})
public final class StackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }
}
