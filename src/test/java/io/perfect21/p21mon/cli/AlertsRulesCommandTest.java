package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.alerts.RuleCatalogue;
import io.perfect21.p21mon.alerts.RuleTester;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsRulesCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutOutPrintsOneRuleFileWithEveryGroup() throws Exception {
        Cli.Result r = Cli.in(dir).run("alerts", "rules");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode groups = Json.yaml().readTree(r.out()).get("groups");
        Set<String> names = new HashSet<>();
        groups.forEach(g -> names.add(g.get("name").asText()));
        assertThat(names).contains("p21mon-host", "p21mon-health", "p21mon-targets", "p21mon-api", "p21mon-jobs",
                "p21mon-recording", "p21mon-slo-api-availability").doesNotContain("user");
        assertThat(r.out()).contains("alert: HighCPUUsage").contains("record: instance:p21_host_cpu_usage:ratio_rate5m");
    }

    @Test
    void withOutWritesTheFourFilesAndTellsWhatTheyHold() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                alerting:
                  rules:
                    - {alert: QueueBacklog, expr: 'sum(app_queue_depth) > 1000', for: 10m, severity: critical}
                """);
        Cli.Result r = Cli.in(dir).run("alerts", "rules", "--out", "monitoring/rules", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode files = Json.mapper().readTree(r.out()).get("files");
        assertThat(files).hasSize(4);
        assertThat(files.get(3).get("alert_rules").asInt()).isEqualTo(1);
        Path rules = dir.resolve("monitoring/rules");
        assertThat(rules.resolve("p21mon-alerts.yml")).exists();
        assertThat(rules.resolve("p21mon-recording.yml")).exists();
        assertThat(rules.resolve("p21mon-slo.yml")).exists();
        assertThat(Files.readString(rules.resolve("user.yml"))).contains("alert: QueueBacklog").contains("severity: critical");
    }

    @Test
    void invalidPromqlInAUserRuleIsExit2NamingTheRule() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                alerting:
                  rules:
                    - {alert: Broken, expr: 'rate(x[5m] > 1'}
                """);
        Cli.Result r = Cli.in(dir).run("alerts", "rules", "--out", "out");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("alerting.rules[Broken].expr").contains("invalid PromQL").contains("expected ')'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void alertsTestWithoutPromtoolSaysHowToGetIt() {
        Cli.Result r = Cli.in(dir).env("PATH", dir.resolve("nothing").toString()).run("alerts", "test");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("promtool is not on the PATH").contains("apt-get install").contains("--promtool");
    }

    @Test
    void theShippedUnitTestsCoverEveryDefaultAlert() throws Exception {
        String tests;
        try (InputStream in = RuleTester.class.getResourceAsStream(RuleTester.SHIPPED_TESTS)) {
            tests = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Set<String> tested = new HashSet<>();
        for (JsonNode t : Json.yaml().readTree(tests).get("tests")) {
            t.get("alert_rule_test").forEach(a -> tested.add(a.get("alertname").asText()));
        }
        Set<String> alerts = new HashSet<>();
        RuleCatalogue.of(P21monConfig.defaults()).alertRules().forEach(a -> alerts.add(a.name()));
        assertThat(tested).containsAll(alerts);
    }
}
