package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.RuleCatalogue;
import io.perfect21.p21mon.alerts.RuleWriter;
import io.perfect21.p21mon.alerts.RuleYaml;
import io.perfect21.p21mon.alerts.UserRuleFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon alerts rules}: the Prometheus rule files. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Write Prometheus alerting and recording rules: the seed's defaults (HighCPUUsage, HighAPILatency, "
                + "HighErrorRate, LongAgentExecution), memory, disk, load, target down, health check failing, job failed "
                + "and stale, SLO burn rates from slos: (multi-window, multi-burn-rate), and alerting.rules.",
            "With --out DIR: p21mon-alerts.yml, p21mon-recording.yml, p21mon-slo.yml and user.yml in DIR, a copy of each "
                + "Prometheus rule file of alerting.rule_files as it is (user-NAME.yml), and a table of them "
                + "(-o table|json|yaml). Without: one rule file with p21mon's groups on stdout."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts rules --out monitoring/rules && promtool check rules monitoring/rules/*.yml",
            "  p21mon alerts rules > /etc/prometheus/rules/p21mon.yml"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a file could not be written",
            "2:bad usage or configuration (invalid PromQL in alerting.rules, a broken file of alerting.rule_files, named)"})
public final class AlertsRulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;
    @Mixin
    OutputOptions output;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the rule files into DIR (created when missing).")
    Path out;

    @Override
    public Integer call() {
        RuleCatalogue catalogue = RuleCatalogue.of(config.config()).check();
        Services s = P21mon.services(spec);
        UserRuleFiles userFiles = UserRuleFiles.load(config.config().alerting(),
                s.workDir()).requireValid();
        if (out == null) {
            if (!userFiles.files().isEmpty() && !config.quiet()) {
                spec.commandLine().getErr().println("p21mon: the files of alerting.rule_files are not printed; "
                        + "--out DIR copies them beside these rules, unchanged");
            }
            if (output.format != null && !output.format.equals("yaml")) {
                throw P21monException.usage("-o " + output.format + ": without --out the rules are printed as the "
                        + "YAML rule file; -o table|json|yaml describes the files written with --out DIR");
            }
            spec.commandLine().getOut().print(RuleYaml.render(catalogue.merged()));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        output.check(RuleWriter.RulesReport.class, "table");
        output.print(RuleWriter.write(catalogue, userFiles, s.workDir().resolve(out)));
        return ExitCodes.OK;
    }
}
