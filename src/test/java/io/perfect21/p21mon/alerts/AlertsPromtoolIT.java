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

/** The generated rules and the shipped and user unit tests through the real promtool. */
class AlertsPromtoolIT {
    static Path promtool;
    @TempDir
    Path dir;

    @BeforeAll
    static void find() {
        promtool = Servers.binary("promtool");
    }

    static final String CONFIG = """
            jobs:
              - {name: backup, max_age: 26h}
              - {name: db.dump, max_age: 2h}
            slos:
              - name: checkout
                objective: 99.5
                window: 28d
                errors: 'sum(rate(p21_api_requests_total{endpoint="/checkout",status=~"5.."}[{{window}}]))'
                total: 'sum(rate(p21_api_requests_total{endpoint="/checkout"}[{{window}}]))'
            alerting:
              rules:
                - {alert: QueueBacklog, expr: 'sum(app_queue_depth) > 1000', for: 10m, severity: critical, labels: {team: backend}}
              recording_rules:
                - {record: 'job:app_queue_depth:sum', expr: 'sum by (job) (app_queue_depth)'}
            """;

    static final String USER_TEST = """
            rule_files: [user.yml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - {series: 'app_queue_depth{job="q"}', values: '1500x20'}
                alert_rule_test:
                  - {eval_time: 5m, alertname: QueueBacklog, exp_alerts: []}
                  - eval_time: 10m
                    alertname: QueueBacklog
                    exp_alerts:
                      - exp_labels: {severity: critical, team: backend}
                        exp_annotations:
                          summary: QueueBacklog is firing
                          description: Alert QueueBacklog (alerting.rules) has held for 10m.
                          runbook_url: https://github.com/perfect21/p21mon/blob/main/docs/alerts.md#user-rules
            """;

    @Test
    void everyGeneratedFilePassesPromtoolCheckRules() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), CONFIG);
        Cli.Result r = Cli.in(dir).run("alerts", "rules", "--out", "rules");
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> cmd = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        try (var files = Files.list(dir.resolve("rules"))) {
            files.sorted().forEach(f -> cmd.add(f.toString()));
        }
        assertThat(cmd).hasSize(7);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS: 11 rules found").contains("SUCCESS: 8 rules found");

        Cli.Result stdout = Cli.in(dir).run("alerts", "rules");
        Files.writeString(dir.resolve("all.yml"), stdout.out());
        Process all = new ProcessBuilder(promtool.toString(), "check", "rules", dir.resolve("all.yml").toString())
                .redirectErrorStream(true).start();
        String allOut = new String(all.getInputStream().readAllBytes());
        assertThat(all.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(all.exitValue()).as(allOut).isZero();
    }

    @Test
    void alertsTestPassesTheShippedAndTheUserTests() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), CONFIG + "  rule_test_files: [tests/queue.test.yml]\n");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/queue.test.yml"), USER_TEST);
        Cli.Result r = Cli.in(dir).run("alerts", "test");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("p21mon's unit tests of its default rules").contains("p21mon-rules.test.yml")
                .contains("alerting.rule_test_files").contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void aBrokenUserTestFailsWithPromtoolsOutput() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), CONFIG + "  rule_test_files: [tests/queue.test.yml]\n");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/queue.test.yml"), USER_TEST.replace("severity: critical, team", "severity: warning, team"));
        Cli.Result r = Cli.in(dir).run("alerts", "test");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED").contains("QueueBacklog").contains(dir.resolve("tests/queue.test.yml").toString());
    }

    @Test
    void invalidPromqlTheParserLetsThroughIsCaughtByPromtoolNamingTheRule() throws Exception {
        // p21mon's parser checks the grammar, not regular expressions: promtool finds this one
        Files.writeString(dir.resolve("p21mon.yaml"), """
                alerting:
                  rules:
                    - {alert: Broken, expr: 'up{job=~"(unclosed"} == 0'}
                """);
        Cli.Result r = Cli.in(dir).run("alerts", "test");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Broken").contains("user.yml");
    }
}
