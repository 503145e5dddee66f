package io.perfect21.p21mon.dashboards;

import io.perfect21.p21mon.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardValidatorTest {
    private final DashboardValidator validator = new DashboardValidator(
            KnownMetrics.of(MetricNames.all(), Set.of("slo:sli_error:ratio_rate1h"), List.of("sum(rate(my_requests_total[{{window}}]))")),
            "prom-uid");

    private static String dashboard(String panels) {
        return """
                {"uid": "p21mon-t", "title": "T", "schemaVersion": 39,
                 "templating": {"list": [{"type": "datasource", "name": "datasource", "query": "prometheus"}]},
                 "panels": [%s]}""".formatted(panels);
    }

    private static String panel(int id, int x, int y, String ds, String expr) {
        return """
                {"id": %d, "type": "timeseries", "title": "P%d", "gridPos": {"x": %d, "y": %d, "w": 12, "h": 8},
                 "datasource": {"type": "prometheus", "uid": "%s"},
                 "targets": [{"refId": "A", "expr": %s}]}""".formatted(id, id, x, y, ds, io.perfect21.p21mon.Json.mapper().valueToTree(expr));
    }

    @Test
    void aGoodDashboardHasNoProblems() {
        assertThat(validator.validate(dashboard(panel(1, 0, 0, "${datasource}", "rate(p21_host_cpu_seconds_total[$__rate_interval])")
                + "," + panel(2, 12, 0, "prom-uid", "slo:sli_error:ratio_rate1h + sum(rate(my_requests_total[5m]))")), null)).isEmpty();
    }

    @Test
    void namesEachProblemWithItsPanel() {
        List<String> problems = validator.validate(dashboard(
                panel(1, 0, 0, "${datasource}", "rate(p21_host_cpu_seconds_total[5m])") + ","
                + panel(1, 6, 4, "${datasource}", "rate(nope_total[5m])") + ","
                + panel(3, 0, 20, "${other}", "up") + ","
                + panel(4, 12, 20, "elsewhere", "rate(up[5m]") + ","
                + """
                {"id": 6, "type": "grafana-clock-panel", "title": "Clock", "gridPos": {"x": 0, "y": 60, "w": 8, "h": 2},
                 "targets": [{"refId": "A", "expr": "up"}]},"""
                + """
                {"id": 5, "type": "graph", "title": "Old", "gridPos": {"x": 20, "y": 40, "w": 8, "h": 2},
                 "targets": [{"refId": "A", "expr": "up"}], "links": [{"url": "/d/missing?x"}]}"""), Set.of("t"));
        assertThat(problems).anyMatch(p -> p.startsWith("panel 1 \"P1\": duplicate panel id 1"))
                .anyMatch(p -> p.contains("panel 1 \"P1\": gridPos") && p.contains("overlaps panel 1"))
                .anyMatch(p -> p.startsWith("panel 1 \"P1\", query A: unknown metric nope_total"))
                .anyMatch(p -> p.startsWith("panel 3 \"P3\": datasource ${other} names no datasource variable"))
                .anyMatch(p -> p.startsWith("panel 4 \"P4\": datasource uid 'elsewhere'"))
                .anyMatch(p -> p.startsWith("panel 4 \"P4\", query A: PromQL does not parse: expected ')'"))
                .anyMatch(p -> p.startsWith("panel 5 \"Old\": gridPos") && p.contains("outside the 24-column grid"))
                .anyMatch(p -> p.startsWith("panel 5 \"Old\": link to /d/missing"))
                .anyMatch(p -> p.startsWith("panel 6 \"Clock\": panel type 'grafana-clock-panel' is not a core panel"))
                .noneMatch(p -> p.contains("'graph'"));
    }

    @Test
    void theApiAndExportShapesAreUnwrappedAndTheirInputsResolve() {
        String raw = """
                {"title": "Theirs", "schemaVersion": 39, "uid": "theirs",
                 "templating": {"list": [
                   {"type": "query", "name": "job", "datasource": {"uid": "${DS_PROM}"}, "query": "label_values(up, job)",
                    "current": {"value": ["api", "web"]}},
                   {"type": "interval", "name": "win", "current": {"value": "5m"}}]},
                 "panels": [
                   {"id": 1, "type": "graph", "title": "Old graph", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
                    "datasource": {"type": "prometheus", "uid": "${DS_PROM}"},
                    "targets": [{"refId": "A", "expr": "sum by (job) (rate(http_requests_total{job=~\\"$job\\"}[$win])) > ${LIMIT}"}]},
                   {"id": 2, "type": "logs", "title": "Errors", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 8},
                    "datasource": {"type": "loki", "uid": "${DS_LOKI}"},
                    "targets": [{"refId": "A", "expr": "{job=~\\"${job:regex}\\"} |= \\"error\\" | json | level=\\"error\\""}]},
                   {"id": 3, "type": "traces", "title": "Trace", "gridPos": {"x": 0, "y": 8, "w": 12, "h": 8},
                    "datasource": {"type": "jaeger", "uid": "${DS_JAEGER}"}, "targets": [{"refId": "A", "query": "abc123"}]},
                   {"id": 4, "type": "heatmap", "title": "Latency", "gridPos": {"x": 12, "y": 8, "w": 12, "h": 8},
                    "datasource": {"type": "prometheus", "uid": "${DS_PROM}"},
                    "targets": [{"refId": "A", "expr": "sum by (le) (rate(p21_api_request_duration_seconds_bucket[$__rate_interval]))"}]}]}""";
        String export = "{\"__inputs\": [{\"name\": \"DS_PROM\", \"type\": \"datasource\", \"pluginId\": \"prometheus\"},"
                + "{\"name\": \"DS_LOKI\", \"type\": \"datasource\", \"pluginId\": \"loki\"},"
                + "{\"name\": \"DS_JAEGER\", \"type\": \"datasource\", \"pluginId\": \"jaeger\"},"
                + "{\"name\": \"LIMIT\", \"type\": \"constant\", \"value\": \"10\"}],"
                + "\"__requires\": [{\"type\": \"panel\", \"id\": \"graph\"}]," + raw.substring(raw.indexOf('{') + 1);
        for (String shape : List.of(export, "{\"dashboard\": " + export + ", \"meta\": {\"slug\": \"theirs\"}}")) {
            DashboardValidator.Findings f = validator.check(shape, null);
            assertThat(f.problems()).as(shape).isEmpty();
            assertThat(f.warnings())
                    .anyMatch(w -> w.startsWith("panel 1 \"Old graph\": panel type 'graph' is deprecated; Grafana migrates it to 'timeseries'"))
                    .anyMatch(w -> w.startsWith("panel 1 \"Old graph\", query A: unknown metric http_requests_total"))
                    .hasSize(2);
        }
    }

    @Test
    void lokiTargetsAreCheckedAsLogqlNotPromql() {
        String d = """
                {"uid": "x", "title": "X", "schemaVersion": 39, "panels": [
                  {"id": 1, "type": "timeseries", "title": "Rate", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
                   "datasource": {"type": "loki", "uid": "loki"},
                   "targets": [{"refId": "A", "expr": "sum by (level) (count_over_time({app=\\"api\\"} | logfmt [$__auto]))"},
                               {"refId": "B", "expr": "sum_over_time({app=\\"api\\"} | json [5m])"}]}]}""";
        DashboardValidator.Findings f = validator.check(d, null);
        assertThat(f.problems()).singleElement().asString()
                .startsWith("panel 1 \"Rate\", query B: LogQL does not parse: sum_over_time needs a value: add | unwrap LABEL");
    }

    @Test
    void invalidJsonIsReportedWithLineAndColumn() {
        assertThat(validator.validate("{\"uid\": \"t\",\n \"panels\": [}", null))
                .singleElement().asString().startsWith("not valid JSON at line 2, column");
    }
}
