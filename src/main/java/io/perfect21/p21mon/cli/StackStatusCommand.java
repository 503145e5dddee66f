package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.stack.StackProbe;
import io.perfect21.p21mon.stack.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code p21mon stack status}: probe every service. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Probe every service of the stack (/-/ready, Grafana /api/health, node_exporter /metrics) and "
                + "show its state and, natively, its pid. Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon stack status", "  p21mon stack status -o json | jq '.services[] | select(.state != \"ready\")'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every service that should run is ready", "1:a service is down or not ready, or the stack is not up",
            "2:bad flag or configuration, no stack in DIR"})
public final class StackStatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Mixin
    StackOptions stack;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.check(StackStatus.class, "table");
        StackStatus s = new StackProbe(config.config()).status(stack.layout());
        output.print(s);
        return s.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
