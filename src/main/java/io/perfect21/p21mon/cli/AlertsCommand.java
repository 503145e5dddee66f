package io.perfect21.p21mon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon alerts}: alert rules for Prometheus, their unit tests, and local evaluation on this host. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alerts: Prometheus alerting and recording rules (the seed's defaults, host, job and SLO burn-rate "
                + "rules, your own), their promtool unit tests, and the host-level rules evaluated on this host with no "
                + "Prometheus (from cron), notifying through the channels of alerting:.",
        subcommands = {AlertsRulesCommand.class, AlertsTestCommand.class, AlertsEvalCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts rules --out monitoring/rules",
            "  p21mon alerts test",
            "  * * * * *  p21mon alerts eval -q      # crontab: for: 5m works across runs"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation ran and failed (a test failed, an alert fires)",
            "2:bad usage or configuration"})
public final class AlertsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }
}
