package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.RuleTester;
import io.perfect21.p21mon.alerts.UserRuleFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon alerts test}: promtool unit tests of the rules. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run 'promtool test rules' over p21mon's unit tests of every default alert (fires over its "
                + "threshold after its 'for', not before, not just under), 'promtool check rules' over the rules of "
                + "this configuration, and 'promtool test rules' over alerting.rule_test_files.",
            "Your test files are run beside freshly generated rules: name them in rule_files (p21mon-alerts.yml, "
                + "p21mon-recording.yml, p21mon-slo.yml, user.yml). promtool's output is printed as it is."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon alerts test", "  p21mon alerts test --promtool /opt/prometheus/promtool"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every test passed", "1:a test or check failed (promtool's exit code)",
            "2:bad usage or configuration, or promtool not found"})
public final class AlertsTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;

    @Option(names = "--promtool", paramLabel = "PATH", description = "The promtool to run (default: promtool on the PATH).")
    Path promtool;

    @Override
    public Integer call() {
        Services s = P21mon.services(spec);
        Path tool = RuleTester.findPromtool(s.env(), promtool == null ? null : s.workDir().resolve(promtool));
        RuleTester.RuleTestReport report = new RuleTester(tool, s.workDir()).run(config.config(), UserRuleFiles.load(
                config.config().alerting(), s.workDir()));
        PrintWriter out = spec.commandLine().getOut();
        for (RuleTester.Run r : report.runs()) {
            out.println("== " + r.suite() + ": " + String.join(" ", r.command()) + " (exit " + r.exitCode() + ")");
            out.print(r.output());
        }
        out.flush();
        return report.exitCode();
    }
}
