package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.AlertmanagerClient.LabelMatcher;
import io.perfect21.p21mon.metrics.QueryTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon alerts silence add}: mute alerts matching label matchers for a while. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a silence for the alerts matching every matcher (name=value, name!=value, name=~regex, "
                + "name!~regex), from now for --duration. Prints the silence's id.",
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon alerts silence add alertname=DiskFull --duration 2h --comment 'resizing /var'",
            "  p21mon alerts silence add 'instance=~web.*' severity=warning --author ops --comment maintenance"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:added", "1:Alertmanager unreachable or refused it", "2:bad matcher, flag or configuration"})
public final class AlertsSilenceAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;
    @Mixin
    AlertmanagerOptions alertmanager;

    @Parameters(paramLabel = "MATCHER", arity = "1..*", description = "Label matchers; all must match.")
    List<String> matchers;
    @Option(names = {"-d", "--duration"}, defaultValue = "1h", paramLabel = "DURATION",
            description = "How long it lasts. Default: ${DEFAULT-VALUE}.")
    String duration;
    @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why (Alertmanager requires one).")
    String comment;
    @Option(names = {"-a", "--author"}, paramLabel = "NAME", description = "Who. Default: $USER.")
    String author;

    @Override
    public Integer call() {
        List<LabelMatcher> parsed = matchers.stream().map(LabelMatcher::parse).toList();
        if (parsed.stream().allMatch(m -> m.value().isEmpty() || (m.isRegex() && m.value().matches("\\.\\*")))) {
            throw P21monException.usage("the matchers match every alert; name at least one label value");
        }
        Services s = P21mon.services(spec);
        Instant now = s.clock().instant();
        String by = author != null ? author : s.env().getOrDefault("USER", "p21mon");
        String id = alertmanager.client(options).addSilence(parsed, now,
                now.plus(QueryTimes.duration("--duration", duration)), by, comment);
        spec.commandLine().getOut().println(id);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
