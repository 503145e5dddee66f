package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.PrometheusClient;
import io.perfect21.p21mon.client.QueryResult;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.metrics.MetricNames;
import io.perfect21.p21mon.metrics.Promql;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated dashboards against a real Prometheus scraping a real {@code p21mon metrics serve} process: every
 * expression of every panel, annotation and variable parses on Prometheus (with Grafana's variables substituted as
 * Grafana would), and once Prometheus has scraped, every overview and infrastructure panel over exported metrics
 * returns data (no "No data" panels for host metrics). Servers are started once for the class.
 */
class DashboardsPrometheusIT {
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*\\w+\\)$");

    @TempDir
    static Path dir;

    static Process serve;
    static int port;
    static RealServer prometheus;
    static PrometheusClient client;
    static List<Dashboard> dashboards;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                metrics: {update_interval: 1s}
                health:
                  checks:
                    - {name: true-command, type: command, command: ["true"]}
                """);
        port = Servers.freePort();
        serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.perfect21.p21mon.cli.P21mon",
                "metrics", "serve", "--listen", "127.0.0.1:" + port)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (Servers.httpStatus("http://127.0.0.1:" + port + "/-/ready") != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        prometheus = Servers.prometheus("""
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: p21mon
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(port), Map.of());
        client = new PrometheusClient(prometheus.baseUrl(), Duration.ofSeconds(30));
        P21monConfig config = P21monConfig.defaults();
        dashboards = DashboardGenerator.forConfig(config, dir, Set.of()).generate(config, List.of(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (serve != null) {
            serve.destroy();
            serve.waitFor();
        }
    }

    /** An expression as Grafana sends it: intervals as durations, the job and instance variables as their values. */
    static String substituted(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h")
                .replace("$job", "p21mon").replace("$instance", "127.0.0.1:" + port);
    }

    /** Every expression of a dashboard, named by where it is. */
    static Map<String, String> expressions(Dashboard d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : d.json().path("panels")) {
            for (JsonNode t : p.path("targets")) {
                out.put(d.name() + " panel \"" + p.path("title").asText() + "\" " + t.path("refId").asText(), t.path("expr").asText());
            }
        }
        for (JsonNode a : d.json().path("annotations").path("list")) {
            if (a.has("expr")) {
                out.put(d.name() + " annotation " + a.path("name").asText(), a.path("expr").asText());
            }
        }
        for (JsonNode v : d.json().path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
            if (m.matches()) {
                out.put(d.name() + " variable " + v.path("name").asText(), m.group(1));
            }
        }
        return out;
    }

    @Test
    void everyExpressionOfEveryDashboardParsesOnPrometheus() {
        assertThat(dashboards).hasSize(6);
        List<String> refused = new ArrayList<>();
        int n = 0;
        for (Dashboard d : dashboards) {
            for (Map.Entry<String, String> e : expressions(d).entrySet()) {
                n++;
                try {
                    client.query(substituted(e.getValue()), null);
                } catch (P21monException ex) {
                    refused.add(e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        assertThat(refused).isEmpty();
        assertThat(n).isGreaterThan(80);
    }

    @Test
    void prometheusRejectsWhatTheGrammarCheckRejects() {
        for (String broken : List.of("rate(up[5m]", "sum(up))", "up{job=a}", "frobnicate(up)", "up +", "rate(up[5x])")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Promql.check(broken)).as(broken)
                    .isInstanceOf(Promql.SyntaxError.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.query(broken, null)).as(broken)
                    .isInstanceOf(P21monException.class).hasMessageContaining("bad_data");
        }
    }

    @Test
    void overviewAndInfrastructurePanelsOverExportedMetricsHaveData() throws Exception {
        long deadline = System.currentTimeMillis() + 40_000;
        String ready = "count(rate(p21_host_cpu_seconds_total[1m])) and count(p21_health_check_status) and count(rate(p21_host_disk_read_bytes_total[1m]))";
        while (client.query(ready, null).series().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        Set<String> exported = new HashSet<>(Set.of("up"));
        MetricNames.all().families("exporter").forEach(f -> exported.addAll(f.seriesNames()));
        List<String> empty = new ArrayList<>();
        int checked = 0;
        for (Dashboard d : dashboards) {
            if (!d.name().equals("overview") && !d.name().equals("infrastructure")) {
                continue;
            }
            for (Map.Entry<String, String> e : expressions(d).entrySet()) {
                List<String> names = Promql.metricNames(Promql.withIntervals(e.getValue(), 60));
                if (names.isEmpty() || !exported.containsAll(names) || e.getKey().contains("annotation")) {
                    continue; // library metrics (no app records them here), ALERTS, reboot annotations
                }
                checked++;
                QueryResult r = client.query(substituted(e.getValue()), null);
                if (r.series().isEmpty()) {
                    empty.add(e.getKey() + ": " + substituted(e.getValue()));
                }
            }
        }
        assertThat(empty).as("panels with no data").isEmpty();
        assertThat(checked).isGreaterThan(25);
    }
}
