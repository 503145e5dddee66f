package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * p21mon's verdict on every file of the rule-file corpus agrees with the real {@code promtool check rules}: the same
 * exit status (valid or not), and the file blamed is the file given.
 */
class RuleFilesPromtoolIT {
    static Path promtool;
    @TempDir
    Path dir;

    @BeforeAll
    static void find() {
        promtool = Servers.binary("promtool");
    }

    private record Promtool(int exit, String output) {
    }

    private static Promtool promtool(Path file) throws Exception {
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Promtool(p.exitValue(), out);
    }

    @Test
    void everyCorpusFileGetsPromtoolsVerdict() throws Exception {
        List<Path> all = new ArrayList<>(RuleFileCheckerTest.files("good"));
        all.addAll(RuleFileCheckerTest.files("bad"));
        assertThat(all).hasSizeGreaterThan(15);
        for (Path file : all) {
            Path abs = file.toAbsolutePath();
            Promtool real = promtool(abs);
            RuleFileChecker.Result ours = RuleFileChecker.check(abs.toString(), Files.readString(abs));
            assertThat(ours.problems().isEmpty()).as(file + ": promtool said\n" + real.output() + "p21mon said " + ours.problems())
                    .isEqualTo(real.exit() == 0);
            if (real.exit() != 0) {
                assertThat(real.output()).as(file.toString()).contains(abs + ": ");
                assertThat(ours.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(abs.toString()));
            } else {
                assertThat(real.output()).contains("SUCCESS: " + ours.ruleCount() + " rules found");
            }
        }
    }

    @Test
    void configValidateAndPromtoolAgreeOnTheFilesAConfigurationNames() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(RuleFileCheckerTest.CORPUS.resolve("good/api.yml"), rules.resolve("api.yml"));
        Files.copy(RuleFileCheckerTest.CORPUS.resolve("bad/record-with-for.yml"), rules.resolve("broken.yml"));
        Files.writeString(dir.resolve("p21mon.yaml"), "alerting:\n  rule_files: ['rules/*.yml']\n");
        Cli.Result validate = Cli.in(dir).run("config", "validate");
        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains(rules.resolve("broken.yml") + ":5:17:").doesNotContain("api.yml");
        assertThat(promtool(rules.resolve("broken.yml")).exit()).isEqualTo(1);
        assertThat(promtool(rules.resolve("api.yml")).exit()).isZero();

        Files.delete(rules.resolve("broken.yml"));
        assertThat(Cli.in(dir).run("config", "validate").code()).isZero();
        Cli.Result out = Cli.in(dir).run("alerts", "rules", "--out", "monitoring/rules");
        assertThat(out.code()).as(out.toString()).isZero();
        List<String> cmd = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        try (var files = Files.list(dir.resolve("monitoring/rules"))) {
            files.sorted().forEach(f -> cmd.add(f.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("user-api.yml").contains("SUCCESS: 3 rules found");

        Cli.Result test = Cli.in(dir).env("PATH", promtool.getParent() + ":" + System.getenv("PATH")).run("alerts", "test");
        assertThat(test.code()).as(test.toString()).isZero();
        assertThat(test.out()).contains("user-api.yml");
    }
}
