package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §4.2: metric names are a contract. This lists every p21_* family the exporter and the library's
 * {@link MetricsCollector} export, with its type and label names, against {@code metric-names.txt} ({@link MetricNames}),
 * the list alert rules and dashboards are checked against too. A failure here means a metric was renamed, retyped or
 * relabelled: if that is deliberate, update that file and the README's metric list, and say so in the changelog.
 */
class MetricNamesGoldenTest {

    static String inventory(MetricSnapshots snapshots, String prefix) {
        TreeSet<String> lines = new TreeSet<>();
        for (MetricsReport.Family f : MetricsReport.of(snapshots).families()) {
            if (!f.name().startsWith(prefix)) {
                continue;
            }
            TreeSet<String> labels = new TreeSet<>();
            f.samples().forEach(s -> labels.addAll(s.labels().keySet()));
            labels.remove("le");
            labels.remove("quantile");
            String exposed = switch (f.type()) {
                case "counter" -> f.name() + "_total";
                case "info" -> f.name() + "_info";
                default -> f.name();
            };
            lines.add(exposed + " " + f.type() + " " + labels);
        }
        return String.join("\n", lines) + "\n";
    }

    static ExporterState fullState() {
        ExporterState state = new ExporterState();
        state.host(HostSnapshot.read(new FakeHostProbe(), Instant.parse("2026-11-24T00:00:00Z")));
        state.git(List.of(new GitRepoStats("app", true, "main", 1, 2, 3, 4, true, 1_700_000_000L, null)));
        state.health(new HealthReport(HealthStatus.HEALTHY, "fakehost", Instant.parse("2026-11-24T00:00:00Z"), 12,
                List.of(HealthCheckResult.of("db", "database", HealthStatus.HEALTHY, "ok"))));
        state.refreshed("host", 1.0, 0.1, null);
        return state;
    }

    @Test
    void exporterMetricNamesTypesAndLabelsAreTheContract() {
        PrometheusRegistry registry = ExporterMetrics.registry(fullState(), Map.of(), false);
        assertThat(inventory(registry.scrape(), "p21_")).isEqualTo(MetricNames.all().inventory("exporter"));
    }

    @Test
    void libraryMetricNamesTypesAndLabelsAreTheContract() {
        MetricsCollector m = new MetricsCollector();
        m.recordApiRequest("GET", "/x", 200, 0.1);
        m.recordAgentExecution("a", "success", 1);
        m.recordParallelWorkflow(2, "success", 3);
        m.recordGitOperation("commit", "success", 0.2);
        m.recordHookExecution("pre-commit", "success", 0.3);
        m.recordFeatureUsage("search");
        m.updateQualityScore("security", 90);
        m.recordQualityGate("lint", true);
        assertThat(inventory(m.registry().scrape(), "p21_")).isEqualTo(MetricNames.all().inventory("library"));
    }

    @Test
    void theListKnowsEverySeriesOfAHistogram() {
        assertThat(MetricNames.all().knows("p21_api_request_duration_seconds_bucket")).isTrue();
        assertThat(MetricNames.all().knows("p21_host_load1")).isTrue();
        assertThat(MetricNames.all().knows("p21_host_load2")).isFalse();
        assertThat(MetricNames.all().families("exporter")).isNotEmpty();
    }

    @Test
    void healthGaugesMatchTheHealthCommandsPrometheusOutput() throws Exception {
        ExporterState state = fullState();
        String served = ExporterCollectorsTest.text(ExporterMetrics.registry(state, Map.of(), false).scrape());
        String textfile = io.perfect21.p21mon.health.HealthTextfile.render(state.health());
        assertThat(seriesKeys(served, "p21_health_")).isEqualTo(seriesKeys(textfile, "p21_health_"));
    }

    /** Each sample line as its name and label names, values left out ("2" and "2.0" are the same sample). */
    static java.util.Set<String> seriesKeys(String exposition, String prefix) {
        TreeSet<String> keys = new TreeSet<>();
        exposition.lines().filter(l -> l.startsWith(prefix)).forEach(l -> {
            String series = l.substring(0, l.lastIndexOf(' '));
            keys.add(series.replaceAll("=\"[^\"]*\"", ""));
        });
        return keys;
    }

    @Test
    void processMetricsAlwaysAndJvmMetricsOnlyWhenAsked() {
        String plain = inventory(ExporterMetrics.registry(fullState(), Map.of(), false).scrape(), "");
        assertThat(plain).contains("process_cpu_seconds_total counter []", "process_resident_memory_bytes gauge []")
                .doesNotContain("jvm_");
    }

    @Test
    void jvmAndProcessMetricsComeFromTheClientLibrary() {
        PrometheusRegistry registry = ExporterMetrics.registry(fullState(), Map.of(), true);
        String all = inventory(registry.scrape(), "");
        assertThat(all).contains("jvm_memory_used_bytes gauge [area]", "jvm_threads_current gauge []",
                "process_cpu_seconds_total counter []", "process_resident_memory_bytes gauge []");
    }
}
