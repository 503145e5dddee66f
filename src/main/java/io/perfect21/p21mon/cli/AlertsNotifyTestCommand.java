package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.Notifier;
import io.perfect21.p21mon.alerts.TestNotification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code p21mon alerts notify-test}: a test notification through one channel or all. */
@Command(name = "notify-test", mixinStandardHelpOptions = true,
        description = {"Send a test notification (alertname P21monTestNotification, severity info) through one "
                + "channel, by name or type, or through every channel, now: with the channel's timeout and retries, "
                + "but not spooled (a failed test says so and is not sent later).",
            "--dry-run prints each exact payload and sends nothing. Formats (-o): table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts notify-test --channel slack",
            "  p21mon alerts notify-test --channel oncall-mail --dry-run",
            "  p21mon alerts notify-test          # every channel"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:delivered (or rendered, with --dry-run)", "1:a channel failed",
            "2:no such channel, or bad flag or configuration"})
public final class AlertsNotifyTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;

    @Option(names = "--channel", paramLabel = "NAME|slack|email|webhook", completionCandidates = Completion.ChannelTypes.class,
            description = "The channel. Default: all.")
    String channel;
    @Option(names = "--dry-run", description = "Print the exact payloads; send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        output.check(Notifier.Outcome.class, "table");
        Services s = P21mon.services(spec);
        Notifier notifier = Notifier.of(options.config().alerting(), s.workDir(), options.stateDir(), "test", s.clock())
                .dryRun(dryRun);
        if (channel != null) {
            notifier = notifier.only(channel);
        }
        if (notifier.routing().channels().isEmpty()) {
            throw io.perfect21.p21mon.P21monException.usage("no notification channel is configured (alerting.channels, "
                    + "alerting.webhook, alerting.slack_webhook, alerting.email)");
        }
        Notifier.Outcome outcome = TestNotification.send(notifier, s.clock().instant());
        output.print(outcome);
        return outcome.errors().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
