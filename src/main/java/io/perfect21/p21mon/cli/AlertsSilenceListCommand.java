package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.SilenceList;
import io.perfect21.p21mon.client.AlertmanagerClient;
import io.perfect21.p21mon.client.AlertmanagerClient.LabelMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon alerts silence list}: the silences. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the silences (active and pending; --expired adds expired ones), optionally those whose "
                + "matchers match the given ones.", "Formats (-o): table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon alerts silence list", "  p21mon alerts silence list alertname=DiskFull -o json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:Alertmanager unreachable or answered an error", "2:bad flag or configuration"})
public final class AlertsSilenceListCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;
    @Mixin
    AlertmanagerOptions alertmanager;

    @Parameters(paramLabel = "MATCHER", arity = "0..*", description = "Label matchers.")
    List<String> matchers = new ArrayList<>();
    @Option(names = "--expired", description = "Include expired silences.")
    boolean expired;

    @Override
    public Integer call() {
        output.check(SilenceList.class, "table");
        AlertmanagerClient am = alertmanager.client(options);
        output.print(new SilenceList(am.url(), am.silences(matchers.stream().map(LabelMatcher::parse).toList(), expired)));
        return ExitCodes.OK;
    }
}
