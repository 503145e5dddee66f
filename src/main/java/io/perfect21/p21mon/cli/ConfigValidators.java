package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.RuleCatalogue;
import io.perfect21.p21mon.alerts.RuleFileChecker;
import io.perfect21.p21mon.alerts.UserRuleFiles;
import io.perfect21.p21mon.config.AlertingConfig;
import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.ConfigProblem;
import io.perfect21.p21mon.config.ConfigProblems;
import io.perfect21.p21mon.config.ConfigValidator;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.config.Suggestions;
import io.perfect21.p21mon.health.HealthChecks;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.metrics.Promql;

import java.util.List;

/**
 * The checks {@code config validate} runs on a configuration once it is read, beyond what reading finds (syntax,
 * unknown keys, types, records' own constructors). A feature whose settings need its own code to judge (check types,
 * rule expressions, a route naming a channel) adds one line here: a {@link ConfigValidator} that calls the same code
 * its command uses, so validate and the command cannot disagree.
 */
final class ConfigValidators {
    private ConfigValidators() {
    }

    static List<ConfigValidator> all(Services s, ConfigOptions options) {
        return List.of(
                // health.checks: names, types, and each type's keys, as its factory declares them
                (loaded, problems) -> HealthChecks.standard().validate(new HealthContext(loaded.config(), loaded.source(),
                        s.hostProbe(), s.env(), s.workDir(), options.stateDir()), problems),
                // the PromQL of the user's rules and SLOs, parsed as alerts rules and dashboards parse it
                ConfigValidators::promql,
                // alerting.rule_files, checked as promtool check rules would; disabled_rules naming built-ins
                (loaded, problems) -> ruleFiles(loaded, problems, s.workDir()));
    }

    private static void ruleFiles(ConfigLoader.Loaded loaded, ConfigProblems problems, java.nio.file.Path workDir) {
        AlertingConfig alerting = loaded.config().alerting();
        for (RuleFileChecker.Problem p : UserRuleFiles.load(alerting, workDir).problems()) {
            if (p.file().startsWith("alerting.rule_files[")) {
                problems.add(p.file(), p.message(), "paths are relative to the configuration file's directory");
            } else {
                problems.addPlaced(new ConfigProblem(p.file(), p.line(), p.column(), "", p.message(), null));
            }
        }
        java.util.Set<String> builtIn = RuleCatalogue.of(loaded.config()).builtInAlertNames();
        for (int i = 0; i < alerting.disabledRules().size(); i++) {
            String name = alerting.disabledRules().get(i);
            if (!builtIn.contains(name)) {
                problems.add("alerting.disabled_rules[" + i + "]", "'" + name + "' is not a built-in alert",
                        Suggestions.closest(name, builtIn).map(c -> "did you mean '" + c + "'?")
                                .orElse("built-in alerts: " + String.join(", ", builtIn)));
            }
        }
    }

    /** The warnings of {@code config validate}: things that work but are likely not what was meant. */
    static List<String> warnings(ConfigLoader.Loaded loaded, java.nio.file.Path workDir) {
        P21monConfig c = loaded.config();
        return RuleCatalogue.nameCollisions(c, UserRuleFiles.load(c.alerting(), workDir));
    }

    private static void promql(ConfigLoader.Loaded loaded, ConfigProblems problems) {
        P21monConfig c = loaded.config();
        for (int i = 0; i < c.alerting().rules().size(); i++) {
            check(problems, "alerting.rules[" + i + "].expr", c.alerting().rules().get(i).expr());
        }
        for (int i = 0; i < c.alerting().recordingRules().size(); i++) {
            check(problems, "alerting.recording_rules[" + i + "].expr", c.alerting().recordingRules().get(i).expr());
        }
        for (int i = 0; i < c.slos().size(); i++) {
            check(problems, "slos[" + i + "].errors", c.slos().get(i).errors().replace("{{window}}", "5m"));
            check(problems, "slos[" + i + "].total", c.slos().get(i).total().replace("{{window}}", "5m"));
        }
    }

    private static void check(ConfigProblems problems, String path, String expr) {
        String problem = expr == null ? null : Promql.problem(expr);
        if (problem != null) {
            problems.add(path, "invalid PromQL: " + problem, null);
        }
    }
}
