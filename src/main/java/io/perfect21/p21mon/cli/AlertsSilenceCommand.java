package io.perfect21.p21mon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon alerts silence}: Alertmanager's silences. */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Add, list and expire Alertmanager silences (v2 API).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts silence add alertname=DiskFull instance=web1 --duration 2h --comment 'resizing /var'",
            "  p21mon alerts silence list",
            "  p21mon alerts silence expire 8c0e5a3e-…"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:Alertmanager unreachable or answered an error", "2:bad usage or configuration"})
public final class AlertsSilenceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }
}
