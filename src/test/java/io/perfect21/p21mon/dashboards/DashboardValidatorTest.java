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
                {"uid": "t", "title": "T", "schemaVersion": 39,
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
                {"id": 5, "type": "graph", "title": "Old", "gridPos": {"x": 20, "y": 40, "w": 8, "h": 2},
                 "targets": [{"refId": "A", "expr": "up"}], "links": [{"url": "/d/missing?x"}]}"""), Set.of("t"));
        assertThat(problems).anyMatch(p -> p.startsWith("panel 1 \"P1\": duplicate panel id 1"))
                .anyMatch(p -> p.contains("panel 1 \"P1\": gridPos") && p.contains("overlaps panel 1"))
                .anyMatch(p -> p.startsWith("panel 1 \"P1\", query A: unknown metric nope_total"))
                .anyMatch(p -> p.startsWith("panel 3 \"P3\": datasource ${other} names no datasource variable"))
                .anyMatch(p -> p.startsWith("panel 4 \"P4\": datasource uid 'elsewhere'"))
                .anyMatch(p -> p.startsWith("panel 4 \"P4\", query A: PromQL does not parse: expected ')'"))
                .anyMatch(p -> p.startsWith("panel 5 \"Old\": panel type 'graph' is not a core panel"))
                .anyMatch(p -> p.startsWith("panel 5 \"Old\": gridPos") && p.contains("outside the 24-column grid"))
                .anyMatch(p -> p.startsWith("panel 5 \"Old\": link to /d/missing"));
    }

    @Test
    void invalidJsonIsReportedWithLineAndColumn() {
        assertThat(validator.validate("{\"uid\": \"t\",\n \"panels\": [}", null))
                .singleElement().asString().startsWith("not valid JSON at line 2, column");
    }
}
