package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigException;
import io.perfect21.p21mon.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon config validate}: loads the configuration and says whether it is usable. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the configuration file as every command would: YAML syntax, known keys, value types and "
            + "ranges, environment references, check types and their keys, duplicate names, and the Prometheus rule files "
            + "of alerting.rule_files as 'promtool check rules' would (YAML, fields, PromQL, templates).",
            "A user alert with the name of a built-in is a warning (stderr, exit 0).",
            "Lists every problem found, one a line: file:line:column: key: problem; suggestion."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon config validate",
            "  p21mon config validate -c /etc/p21mon/p21mon.yaml",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid (or no file: the built-in defaults apply)", "2:invalid: every problem on stderr, one a line (file:line:column: key: problem)"})
public final class ConfigValidateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Override
    public void run() {
        Services s = P21mon.services(spec);
        ConfigLoader.Checked checked = new ConfigLoader(s.env(), s.workDir())
                .check(options.configFile(), ConfigValidators.all(s, options));
        if (!checked.problems().isEmpty()) {
            throw new ConfigException(checked.problems());
        }
        ConfigLoader.Loaded loaded = checked.loaded();
        if (!options.quiet()) {
            ConfigValidators.warnings(loaded, s.workDir()).forEach(w -> spec.commandLine().getErr().println("p21mon: warning: " + w));
            spec.commandLine().getErr().flush();
        }
        spec.commandLine().getOut().println(loaded.source()
                .map(p -> p + ": valid")
                .orElse("no configuration file found: the built-in defaults apply"));
        spec.commandLine().getOut().flush();
    }
}
