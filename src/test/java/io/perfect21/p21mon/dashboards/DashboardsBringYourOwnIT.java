package io.perfect21.p21mon.dashboards;

import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.PrometheusClient;
import io.perfect21.p21mon.metrics.MetricNames;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Foreign dashboards against a real Prometheus: for a corpus of PromQL targets written with Grafana's variables,
 * p21mon's verdict (after substituting the variables as Grafana interpolates them) is the one the real Prometheus
 * gives to the same interpolated query; and {@code dashboards validate --prometheus URL} knows a metric the server
 * has and refuses one it has not.
 */
class DashboardsBringYourOwnIT {
    /** The variables of the corpus dashboard: a multi-value query variable, an "All" one, an interval, a custom. */
    private static final String TEMPLATING = """
            {"list": [
              {"type": "query", "name": "job", "current": {"value": ["api", "web.1"]}},
              {"type": "query", "name": "instance", "includeAll": true, "current": {"value": ["$__all"]}},
              {"type": "interval", "name": "win", "current": {"value": "10m"}},
              {"type": "custom", "name": "n", "current": {"value": "5"}}]}""";

    /** PromQL targets as people write them in Grafana; the verdict is asked of Prometheus, not written here. */
    private static final List<String> CORPUS = List.of(
            "sum by (job) (rate(shop_orders_total{job=~\"$job\"}[$__rate_interval]))",
            "rate(shop_orders_total{job=~\"${job:regex}\", instance=~\"$instance\"}[$win])",
            "topk($n, sum by (instance) (rate(shop_orders_total[$__interval])))",
            "increase(shop_orders_total[$__range])",
            "shop_orders_total offset $win",
            "sum(rate(shop_orders_total{job=~\"[[job]]\"}[5m]))",
            "shop_orders_total{job=\"${job:csv}\"}",
            "timestamp(shop_orders_total) * 1000 > $__from",
            "histogram_quantile(0.95, sum by (le) (rate(shop_latency_seconds_bucket[$__rate_interval])))",
            "sum(rate(shop_orders_total[5m])) by (job) / on (job) group_left sum(up) by (job)",
            "rate(shop_orders_total{job=~\"$job\"}[$__rate_interval]",
            "sum by job (shop_orders_total)",
            "rate(shop_orders_total[$nosuch])",
            "shop_orders_total{job=~$job}",
            "topk(\"$n\", shop_orders_total)x",
            "frobnicate(shop_orders_total[$win])",
            "shop_orders_total[$win:$__interval]",
            "max_over_time(shop_orders_total[${__range_s}s])");

    @TempDir
    static Path dir;
    static RealServer prometheus;

    @BeforeAll
    static void start() {
        Path tsdb = Servers.tsdbFromOpenMetrics("""
                # TYPE shop_orders counter
                shop_orders_total{job="api",instance="a:1"} 1 1700000000
                shop_orders_total{job="api",instance="a:1"} 5 1700000060
                # EOF
                """);
        prometheus = Servers.prometheus("global: {scrape_interval: 1m}\n", Map.of(), tsdb);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static String dashboard(String uid, List<String> exprs) {
        StringBuilder panels = new StringBuilder();
        for (int i = 0; i < exprs.size(); i++) {
            panels.append(i == 0 ? "" : ",").append("""
                    {"id": %d, "type": "timeseries", "title": "P%d", "gridPos": {"x": 0, "y": %d, "w": 24, "h": 4},
                     "datasource": {"type": "prometheus", "uid": "prometheus"},
                     "targets": [{"refId": "A", "expr": %s}]}""".formatted(i + 1, i + 1, i * 4,
                    Json.mapper().valueToTree(exprs.get(i))));
        }
        return """
                {"uid": "%s", "title": "Theirs", "schemaVersion": 39, "templating": %s, "panels": [%s]}"""
                .formatted(uid, TEMPLATING, panels);
    }

    @Test
    void p21monsPromqlVerdictIsPrometheussOnGrafanaInterpolatedQueries() throws Exception {
        DashboardValidator validator = new DashboardValidator(
                KnownMetrics.of(MetricNames.all(), Set.of(), List.of()), "prometheus");
        PrometheusClient client = new PrometheusClient(prometheus.baseUrl(), Duration.ofSeconds(30));
        GrafanaVariables vars = GrafanaVariables.of(Json.mapper().readTree(dashboard("theirs", List.of("up"))));
        List<String> disagreements = new ArrayList<>();
        int refusedByPrometheus = 0;
        for (String expr : CORPUS) {
            DashboardValidator.Findings f = validator.check(dashboard("theirs", List.of(expr)), null);
            boolean p21monOk = f.problems().isEmpty();
            boolean prometheusOk;
            String sent = vars.interpolate(expr);
            try {
                client.query(sent, java.time.Instant.ofEpochSecond(1700000060));
                prometheusOk = true;
            } catch (P21monException e) {
                assertThat(e.getMessage()).as(sent).contains("bad_data");
                prometheusOk = false;
                refusedByPrometheus++;
            }
            if (p21monOk != prometheusOk) {
                disagreements.add(expr + " (sent as " + sent + "): p21mon " + (p21monOk ? "ok" : f.problems())
                        + ", Prometheus " + (prometheusOk ? "ok" : "refused"));
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(refusedByPrometheus).as("the corpus holds broken queries too").isGreaterThanOrEqualTo(5);
        assertThat(CORPUS.size() - refusedByPrometheus).isGreaterThanOrEqualTo(9);
    }

    @Test
    void withPrometheusAMetricTheServerHasPassesAndOneItHasNotFails() throws Exception {
        Files.writeString(dir.resolve("known.json"), dashboard("known", List.of("rate(shop_orders_total[5m])")));
        Files.writeString(dir.resolve("unknown.json"), dashboard("unknown", List.of("rate(shop_refunds_total[5m])")));

        Cli.Result offline = Cli.in(dir).run("dashboards", "validate", "known.json");
        assertThat(offline.code()).as(offline.toString()).isZero();
        assertThat(offline.out()).contains("warning: panel 1 \"P1\", query A: unknown metric shop_orders_total");

        Cli.Result known = Cli.in(dir).run("dashboards", "validate", "known.json", "--prometheus", prometheus.baseUrl());
        assertThat(known.code()).as(known.toString()).isZero();
        assertThat(known.out()).doesNotContain("unknown metric");

        Cli.Result unknown = Cli.in(dir).run("dashboards", "validate", "unknown.json", "known.json",
                "--prometheus", prometheus.baseUrl());
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.out()).contains("unknown: panel 1 \"P1\", query A: unknown metric shop_refunds_total (Prometheus at "
                + prometheus.baseUrl() + " has no series of that name");
    }
}
