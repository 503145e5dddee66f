package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.CustomAlert;
import io.perfect21.p21mon.alerts.Notifier;
import io.perfect21.p21mon.metrics.QueryTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code p21mon alerts fire}: the seed's {@code fire_custom_alert}. */
@Command(name = "fire", mixinStandardHelpOptions = true,
        description = {"Fire one alert (the seed's fire_custom_alert). It goes to Alertmanager's v2 API when one is "
                + "configured (--alertmanager given, or alerting.alertmanager_url set in the file), else straight to "
                + "the channels of alerting: (routed by its labels, retried, spooled when it still fails). "
                + "--via overrides the choice.",
            "--dry-run prints each exact payload and sends nothing. Formats (-o): table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts fire --name BackupFailed --message 'nightly backup failed' --severity critical",
            "  p21mon alerts fire --name Deploy --message 'v2.3 rolled out' --severity info --label env=prod "
                + "--annotation runbook_url=https://wiki/deploy --duration 10m",
            "  p21mon alerts fire --name Test --message hi --severity warning --via channels --dry-run"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:sent", "1:Alertmanager unreachable, or a channel failed (the notification is spooled)",
            "2:bad flag or configuration"})
public final class AlertsFireCommand implements Callable<Integer> {
    /** The values of {@code --via}. */
    static final java.util.List<String> VIAS = java.util.List.of("alertmanager", "channels");

    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;
    @Mixin
    AlertmanagerOptions alertmanager;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The alert name (alertname).")
    String name;
    @Option(names = "--message", required = true, paramLabel = "TEXT", description = "What happened (the summary).")
    String message;
    @Option(names = "--severity", defaultValue = "warning", paramLabel = "SEVERITY",
            completionCandidates = Completion.Severities.class,
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String severity;
    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();
    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "An annotation (repeatable).")
    Map<String, String> annotations = new LinkedHashMap<>();
    @Option(names = "--duration", paramLabel = "DURATION", description = "Ends after this long (e.g. 30m).")
    String duration;
    @Option(names = "--via", paramLabel = "alertmanager|channels", completionCandidates = Completion.Vias.class,
            description = "Where to send it, overriding the choice.")
    String via;
    @Option(names = "--dry-run", description = "Print the exact payloads; send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        output.check(Notifier.Outcome.class, "table");
        if (via != null && !VIAS.contains(via)) {
            throw io.perfect21.p21mon.P21monException.usage("--via: 'alertmanager' or 'channels', got '" + via + "'");
        }
        CustomAlert alert = new CustomAlert(name, message, severity, labels, annotations,
                duration == null ? null : QueryTimes.duration("--duration", duration));
        Services s = P21mon.services(spec);
        boolean toAlertmanager = via != null ? via.equals("alertmanager") : alertmanager.configured(options);
        Notifier notifier = toAlertmanager ? null : Notifier.of(options.config().alerting(), s.workDir(),
                options.stateDir(), "fire", s.clock()).dryRun(dryRun);
        if (notifier != null && notifier.routing().channels().isEmpty()) {
            throw io.perfect21.p21mon.P21monException.usage("no Alertmanager and no notification channel is configured "
                    + "(alerting.alertmanager_url or --alertmanager; alerting.channels, webhook, slack_webhook, email)");
        }
        Notifier.Outcome outcome = toAlertmanager
                ? alert.toAlertmanager(alertmanager.client(options), s.clock().instant(), dryRun)
                : alert.toChannels(notifier, s.clock().instant());
        output.print(outcome);
        return outcome.failed() || !outcome.errors().isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
