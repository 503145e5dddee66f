package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** alerting.rule_files through config validate, alerts rules and disabled_rules. */
class RuleFilesCommandTest {
    static final Path CORPUS = Path.of("src/test/resources/alerts/rulefiles").toAbsolutePath();
    @TempDir
    Path dir;

    private Path rules(String name, Path from) throws Exception {
        Path d = Files.createDirectories(dir.resolve("conf/rules"));
        return Files.copy(from, d.resolve(name));
    }

    @Test
    void validateAcceptsGoodRuleFilesRelativeToTheConfigFile() throws Exception {
        rules("api.yml", CORPUS.resolve("good/api.yml"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "alerting:\n  rule_files: ['rules/*.yml']\n");
        Cli.Result r = Cli.in(dir).run("config", "validate", "-c", "conf/p21mon.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateListsEveryProblemOfABadRuleFileWithItsLine() throws Exception {
        Path bad = rules("bad.yml", CORPUS.resolve("bad/bad-promql.yml"));
        rules("tmpl.yml", CORPUS.resolve("bad/bad-template.yml"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "alerting:\n  rule_files: [rules/bad.yml, rules/tmpl.yml, missing/*.yml]\n");
        Cli.Result r = Cli.in(dir).run("config", "validate", "-c", "conf/p21mon.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("p21mon: " + bad + ":9:11: group \"a\", rule 1, \"job:up\": could not parse expression")
                .contains("tmpl.yml:8:20: group \"a\", rule 1, \"X\": annotation \"summary\": template: unexpected EOF")
                .contains("alerting.rule_files[2]: '" + dir.resolve("conf/missing/*.yml") + "' matches no file;")
                .doesNotContain("Exception");
    }

    @Test
    void aUserAlertNamedLikeABuiltInIsAWarningNamingBoth() throws Exception {
        Path mine = rules("mine.yml", CORPUS.resolve("good/with-builtin-name.yml"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "alerting:\n  rule_files: [rules/mine.yml]\n"
                + "  rules:\n    - {alert: TargetDown, expr: 'up == 0'}\n");
        Cli.Result r = Cli.in(dir).run("config", "validate", "-c", "conf/p21mon.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("p21mon: warning: " + mine + ":4:16: alert 'HighErrorRate' (group 'mine') has the "
                + "name of p21mon's built-in HighErrorRate (p21mon-alerts.yml, group p21mon-api); both would fire; to "
                + "replace the built-in, add 'HighErrorRate' to alerting.disabled_rules")
                .contains("p21mon: warning: alerting.rules[0]: alert 'TargetDown' has the name of p21mon's built-in TargetDown");

        Files.writeString(dir.resolve("conf/p21mon.yaml"), "alerting:\n  rule_files: [rules/mine.yml]\n"
                + "  disabled_rules: [HighErrorRate]\n");
        Cli.Result disabled = Cli.in(dir).run("config", "validate", "-c", "conf/p21mon.yaml");
        assertThat(disabled.code()).as(disabled.toString()).isZero();
        assertThat(disabled.err()).doesNotContain("warning");
        Cli.Result rulesOut = Cli.in(dir).run("alerts", "rules", "-c", "conf/p21mon.yaml");
        assertThat(rulesOut.out()).doesNotContain("alert: HighErrorRate").contains("alert: HighAPILatency");
    }

    @Test
    void aDisabledRuleThatIsNoBuiltInIsAProblem() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "alerting:\n  disabled_rules: [HighErrorRat]\n");
        Cli.Result r = Cli.in(dir).run("config", "validate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("p21mon.yaml:2:").contains("alerting.disabled_rules[0]: 'HighErrorRat' is not a "
                + "built-in alert; did you mean 'HighErrorRate'?");
    }

    @Test
    void alertsRulesOutCopiesRuleFilesUnchangedBesideItsOwn() throws Exception {
        rules("api.yml", CORPUS.resolve("good/api.yml"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "alerting:\n  rule_files: ['rules/*.yml']\n");
        Cli.Result r = Cli.in(dir).run("alerts", "rules", "-c", "conf/p21mon.yaml", "--out", "out");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out/user-api.yml"))).isEqualTo(Files.readString(CORPUS.resolve("good/api.yml")));
        assertThat(dir.resolve("out/p21mon-alerts.yml")).exists();
        assertThat(r.out()).contains("user-api.yml");
    }

    @Test
    void alertsRulesRefusesABrokenRuleFile() throws Exception {
        rules("bad.yml", CORPUS.resolve("bad/unknown-field.yml"));
        Files.writeString(dir.resolve("conf/p21mon.yaml"), "alerting:\n  rule_files: ['rules/*.yml']\n");
        Cli.Result r = Cli.in(dir).run("alerts", "rules", "-c", "conf/p21mon.yaml", "--out", "out");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yml:6:9: group \"a\", rule 1: unknown field 'exp'; did you mean 'expr'?")
                .contains("config validate");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
