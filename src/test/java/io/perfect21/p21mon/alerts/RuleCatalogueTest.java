package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.metrics.MetricNames;
import io.perfect21.p21mon.metrics.Promql;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleCatalogueTest {
    static P21monConfig config(String yaml) {
        return new ConfigLoader(Map.of(), Path.of(".")).parse(yaml, "p21mon.yaml");
    }

    @Test
    void everyMetricARuleReadsIsExportedOrRecorded() {
        RuleCatalogue c = RuleCatalogue.of(P21monConfig.defaults()).check();
        Set<String> recorded = new HashSet<>();
        c.recordingRules().forEach(r -> recorded.add(r.record()));
        List<String> exprs = new java.util.ArrayList<>();
        c.alertRules().forEach(r -> exprs.add(r.expr()));
        c.recordingRules().forEach(r -> exprs.add(r.expr()));
        for (String e : exprs) {
            for (String name : Promql.metricNames(e)) {
                assertThat(MetricNames.all().knows(name) || recorded.contains(name)
                        || RuleCatalogue.PROMETHEUS_SERIES.contains(name)).as(name + " in " + e).isTrue();
            }
        }
        assertThat(recorded).allMatch(n -> n.matches("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+"), "level:metric:operations");
    }

    @Test
    void theSeedDefaultsAndTheHostRulesAreThereWithTheirThresholdsAndFor() {
        RuleCatalogue c = RuleCatalogue.of(P21monConfig.defaults());
        Map<String, AlertRule> byName = new java.util.HashMap<>();
        c.alertRules().forEach(r -> byName.putIfAbsent(r.name(), r));
        assertThat(byName).containsKeys("HighCPUUsage", "HighAPILatency", "HighErrorRate", "LongAgentExecution",
                "HighMemoryUsage", "DiskSpaceLow", "HighLoad", "TargetDown", "HealthCheckFailing", "JobFailed", "JobStale",
                "ErrorBudgetBurnFast", "ErrorBudgetBurnSlow");
        assertThat(byName.get("HighCPUUsage").expr()).endsWith("* 100 > 90");
        assertThat(byName.get("HighCPUUsage").forDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(byName.get("HighAPILatency").expr()).endsWith("> 2");
        assertThat(byName.get("HighAPILatency").forDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(byName.get("HighErrorRate").expr()).endsWith("* 60 > 10");
        assertThat(byName.get("HighErrorRate").forDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(byName.get("LongAgentExecution").expr()).endsWith("> 300");
        assertThat(byName.get("TargetDown").expr()).isEqualTo("up == 0");
        for (AlertRule r : c.alertRules()) {
            assertThat(r.labels()).containsKey("severity");
            assertThat(r.annotations()).containsKeys("summary", "description", "runbook_url");
        }
        assertThat(c.hostRules()).extracting(HostRule::name)
                .containsExactly("HighCPUUsage", "HighMemoryUsage", "DiskSpaceLow", "HighLoad", "HealthCheckFailing");
    }

    @Test
    void thresholdsComeFromHealthAndJobsGiveTheirOwnStaleness() {
        RuleCatalogue c = RuleCatalogue.of(config("""
                health: {cpu_threshold: 80, memory_threshold: 95.5, disk_threshold: 70}
                jobs:
                  - {name: backup, max_age: 26h}
                  - {name: report.daily, max_age: 2h}
                  - {name: other}
                """));
        assertThat(c.alertRules()).filteredOn(r -> r.name().equals("HighCPUUsage")).singleElement()
                .extracting(AlertRule::expr).asString().endsWith("> 80");
        assertThat(c.alertRules()).filteredOn(r -> r.name().equals("HighMemoryUsage")).singleElement()
                .extracting(AlertRule::expr).asString().endsWith("> 95.5");
        assertThat(c.alertRules()).filteredOn(r -> r.name().equals("JobStale")).extracting(AlertRule::expr).containsExactly(
                "time() - p21_job_last_success_timestamp_seconds{job=\"backup\"} > 93600\nor\n"
                + "time() - p21_job_last_success_timestamp_seconds{job=\"report.daily\"} > 7200\nor\n"
                + "time() - p21_job_last_success_timestamp_seconds{job!~\"backup|report\\\\.daily\"} > 93600");
        assertThat(c.hostRules().get(0).threshold()).isEqualTo(80);
    }

    @Test
    void sloRulesFollowTheWorkbook() {
        RuleCatalogue c = RuleCatalogue.of(P21monConfig.defaults());
        assertThat(c.recordingRules()).filteredOn(r -> r.record().startsWith("slo:")).extracting(RecordingRule::record)
                .containsExactly("slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m", "slo:sli_error:ratio_rate1h",
                        "slo:sli_error:ratio_rate2h", "slo:sli_error:ratio_rate6h", "slo:sli_error:ratio_rate1d",
                        "slo:sli_error:ratio_rate3d");
        AlertRule fast = c.alertRules().stream().filter(r -> r.name().equals("ErrorBudgetBurnFast")).findFirst().orElseThrow();
        assertThat(fast.expr()).contains("slo:sli_error:ratio_rate1h{slo=\"api-availability\"} > (14.4 * 0.001)")
                .contains("slo:sli_error:ratio_rate5m{slo=\"api-availability\"} > (14.4 * 0.001)")
                .contains("slo:sli_error:ratio_rate6h{slo=\"api-availability\"} > (6 * 0.001)")
                .contains("slo:sli_error:ratio_rate30m");
        assertThat(fast.severity()).isEqualTo("critical");
        assertThat(fast.labels()).containsEntry("slo", "api-availability");
        AlertRule slow = c.alertRules().stream().filter(r -> r.name().equals("ErrorBudgetBurnSlow")).findFirst().orElseThrow();
        assertThat(slow.expr()).contains("ratio_rate1d{slo=\"api-availability\"} > (3 * 0.001)")
                .contains("ratio_rate2h").contains("ratio_rate3d{slo=\"api-availability\"} > (1 * 0.001)").contains("ratio_rate6h");
        assertThat(slow.severity()).isEqualTo("warning");
        assertThat(c.recordingRules().get(8).expr()).contains("[5m]").doesNotContain("{{");
    }

    @Test
    void userRulesGetTheRequiredLabelAndAnnotations() {
        RuleCatalogue c = RuleCatalogue.of(config("""
                alerting:
                  rules:
                    - {alert: QueueBacklog, expr: 'sum(app_queue_depth) > 1000', for: 10m, labels: {team: backend}}
                  recording_rules:
                    - {record: 'job:app_queue_depth:sum', expr: 'sum by (job) (app_queue_depth)'}
                """)).check();
        RuleFile user = c.files().get(3);
        assertThat(user.fileName()).isEqualTo("user.yml");
        AlertRule r = user.alertRules().get(0);
        assertThat(r.labels()).containsEntry("severity", "warning").containsEntry("team", "backend");
        assertThat(r.annotations()).containsKeys("summary", "description", "runbook_url");
        String yaml = RuleYaml.render(user);
        assertThat(yaml).contains("alert: QueueBacklog").contains("for: 10m").contains("record: job:app_queue_depth:sum");
    }

    @Test
    void builtInAlertsLinkToRunbookBaseUrlByAlertName() {
        RuleCatalogue c = RuleCatalogue.of(config("alerting: {runbook_base_url: 'https://wiki.example.com/runbooks'}"));
        AlertRule cpu = c.alertRules().stream().filter(r -> r.name().equals("HighCPUUsage")).findFirst().orElseThrow();
        assertThat(cpu.annotations().get("runbook_url")).isEqualTo("https://wiki.example.com/runbooks#highcpuusage");
        assertThat(c.alertRules()).allSatisfy(r -> assertThat(r.annotations().get("runbook_url"))
                .as(r.name()).startsWith("https://wiki.example.com/runbooks#"));
    }

    @Test
    void invalidPromqlInAUserRuleIsABadConfigurationNamingTheRule() {
        RuleCatalogue c = RuleCatalogue.of(config("""
                alerting:
                  rules:
                    - {alert: Broken, expr: 'sum(rate(x[5m])'}
                """));
        assertThatThrownBy(c::check).isInstanceOf(P21monException.class)
                .hasMessageContaining("alerting.rules[Broken].expr").hasMessageContaining("expected ')'");
    }

    @Test
    void rendersPrometheusRuleYaml() {
        String yaml = RuleYaml.render(RuleCatalogue.of(P21monConfig.defaults()).files().get(0));
        assertThat(yaml).contains("groups:").contains("- name: p21mon-host").contains("alert: HighCPUUsage")
                .contains("for: 5m").contains("severity: warning").contains("runbook_url: https://");
    }

    @Test
    void aHostRuleIsTheSameEntryAsItsPrometheusRule() {
        RuleCatalogue c = RuleCatalogue.of(config("health: {cpu_threshold: 75, load_threshold: 3.5}"));
        for (HostRule h : c.hostRules()) {
            assertThat(c.alertRules()).as(h.name()).contains(h.rule());
            assertThat(h.rule().expr()).as(h.name()).endsWith("> " + RuleCatalogue.number(h.threshold()));
        }
        assertThat(c.hostRules().get(0).threshold()).isEqualTo(75);
        assertThat(c.hostRules().get(3).threshold()).isEqualTo(3.5);
    }
}
