package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.client.AlertmanagerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon alerts silence expire}: end silences now. */
@Command(name = "expire", mixinStandardHelpOptions = true,
        description = "Expire the silences with these ids now (their alerts notify again).",
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon alerts silence expire 8c0e5a3e-2b1f-4c1e-9a51-0f0d3b9e2a11"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:expired", "1:Alertmanager unreachable, or no such silence", "2:bad flag or configuration"})
public final class AlertsSilenceExpireCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;
    @Mixin
    AlertmanagerOptions alertmanager;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "Silence ids (from 'alerts silence list').")
    List<String> ids;

    @Override
    public Integer call() {
        AlertmanagerClient am = alertmanager.client(options);
        for (String id : ids) {
            am.expireSilence(id);
            if (!options.quiet()) {
                spec.commandLine().getErr().println("p21mon: expired " + id);
            }
        }
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
