package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.AlertmanagerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon alerts config}: an Alertmanager configuration from the channels and routes of {@code alerting:}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Write an Alertmanager configuration (alertmanager.yml) with the receivers (Slack, email, "
                + "webhook) and routes of alerting:, and group_wait, group_interval, repeat_interval from it. "
                + "It passes 'amtool check-config'.",
            "Secrets given as files stay file references (api_url_file, auth_password_file). Inline secrets are "
                + "masked on stdout; --out FILE writes them, with the file's mode 0600."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts config",
            "  p21mon alerts config --out /etc/alertmanager/alertmanager.yml && amtool check-config "
                + "/etc/alertmanager/alertmanager.yml"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the file could not be written", "2:bad flag or configuration"})
public final class AlertsConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically, mode 0600) instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        Services s = P21mon.services(spec);
        AlertmanagerConfig config = new AlertmanagerConfig(options.config().alerting(), s.workDir());
        PrintWriter err = spec.commandLine().getErr();
        if (out != null) {
            Path file = s.workDir().resolve(out);
            config.write(file);
            if (!options.quiet()) {
                err.println("p21mon: wrote " + file + " (mode 0600)");
            }
        } else {
            spec.commandLine().getOut().print(config.yaml(true));
            spec.commandLine().getOut().flush();
            if (config.hasInlineSecrets() && !options.quiet()) {
                err.println("p21mon: inline secrets are masked here; write them with --out FILE, or give them as "
                        + "files (webhook_url_file, password_file)");
            }
        }
        err.flush();
        return ExitCodes.OK;
    }
}
