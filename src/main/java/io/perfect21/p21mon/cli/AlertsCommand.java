package io.perfect21.p21mon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon alerts}: alert rules, local evaluation, notifications and Alertmanager. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alerts: Prometheus alerting and recording rules (the seed's defaults, host, job and SLO burn-rate "
                + "rules, your own) and their promtool unit tests; the host-level rules evaluated on this host with no "
                + "Prometheus (from cron); notification channels and routes, an Alertmanager configuration from them, "
                + "and Alertmanager's alerts and silences.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts rules --out monitoring/rules",
            "  p21mon alerts test",
            "  * * * * *  p21mon alerts eval -q      # crontab: for: 5m works across runs",
            "  p21mon alerts fire --name DiskFull --message 'disk / at 97%%' --severity critical --label host=web1",
            "  p21mon alerts list severity=critical",
            "  p21mon alerts silence add alertname=DiskFull --duration 2h --comment 'resizing'",
            "  p21mon alerts notify-test --channel slack --dry-run",
            "  p21mon alerts config --out /etc/alertmanager/alertmanager.yml"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation ran and failed (a test failed, an alert fires, Alertmanager down, "
            + "a notification not delivered)",
            "2:bad usage or configuration"})
public final class AlertsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }
}
