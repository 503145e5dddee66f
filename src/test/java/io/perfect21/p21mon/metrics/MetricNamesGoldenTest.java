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
 * {@link MetricsCollector} export, with its type and label names. A failure here means a metric was renamed, retyped
 * or relabelled: if that is deliberate, update this list, the README's metric list, and say so in the changelog.
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
        assertThat(inventory(registry.scrape(), "p21_")).isEqualTo("""
                p21_exporter_build_info info [version]
                p21_exporter_last_refresh_timestamp_seconds gauge [source]
                p21_exporter_refresh_duration_seconds gauge [source]
                p21_exporter_refresh_errors_total counter [source]
                p21_exporter_refreshes_total counter [source]
                p21_git_commits_ahead gauge [repo]
                p21_git_commits_behind gauge [repo]
                p21_git_dirty_files gauge [repo]
                p21_git_last_commit_timestamp_seconds gauge [repo]
                p21_git_repository_info info [branch, repo]
                p21_git_repository_up gauge [repo]
                p21_git_untracked_files gauge [repo]
                p21_health_check_duration_seconds gauge [check]
                p21_health_check_status gauge [check, type]
                p21_health_last_run_timestamp_seconds gauge []
                p21_health_run_duration_seconds gauge []
                p21_health_status gauge []
                p21_host_boot_time_seconds gauge []
                p21_host_cpu_seconds_total counter [mode]
                p21_host_cpus gauge []
                p21_host_disk_io_time_seconds_total counter [device]
                p21_host_disk_read_bytes_total counter [device]
                p21_host_disk_reads_completed_total counter [device]
                p21_host_disk_writes_completed_total counter [device]
                p21_host_disk_written_bytes_total counter [device]
                p21_host_filesystem_avail_bytes gauge [device, fstype, mountpoint]
                p21_host_filesystem_files gauge [device, fstype, mountpoint]
                p21_host_filesystem_files_free gauge [device, fstype, mountpoint]
                p21_host_filesystem_free_bytes gauge [device, fstype, mountpoint]
                p21_host_filesystem_size_bytes gauge [device, fstype, mountpoint]
                p21_host_info info [hostname]
                p21_host_load1 gauge []
                p21_host_load15 gauge []
                p21_host_load5 gauge []
                p21_host_memory_available_bytes gauge []
                p21_host_memory_total_bytes gauge []
                p21_host_memory_used_bytes gauge []
                p21_host_network_receive_bytes_total counter [device]
                p21_host_network_receive_drop_total counter [device]
                p21_host_network_receive_errs_total counter [device]
                p21_host_network_receive_packets_total counter [device]
                p21_host_network_transmit_bytes_total counter [device]
                p21_host_network_transmit_errs_total counter [device]
                p21_host_network_transmit_packets_total counter [device]
                p21_host_swap_total_bytes gauge []
                p21_host_swap_used_bytes gauge []
                p21_host_uptime_seconds gauge []
                """);
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
        assertThat(inventory(m.registry().scrape(), "p21_")).isEqualTo("""
                p21_active_users gauge []
                p21_agent_execution_duration_seconds histogram [agent]
                p21_agent_executions_total counter [agent, status]
                p21_api_request_duration_seconds histogram [endpoint, method]
                p21_api_requests_in_flight gauge []
                p21_api_requests_total counter [endpoint, method, status]
                p21_feature_usage_total counter [feature]
                p21_git_hook_duration_seconds histogram [hook]
                p21_git_hook_executions_total counter [hook, status]
                p21_git_operation_duration_seconds histogram [operation]
                p21_git_operations_total counter [operation, status]
                p21_parallel_workflow_agents_running gauge []
                p21_parallel_workflow_concurrency histogram []
                p21_parallel_workflow_duration_seconds histogram []
                p21_parallel_workflow_runs_total counter [status]
                p21_quality_gate_checks_total counter [gate, result]
                p21_quality_score gauge [check]
                p21_quality_test_coverage_ratio gauge []
                p21_workspaces gauge []
                """);
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
    void jvmAndProcessMetricsComeFromTheClientLibrary() {
        PrometheusRegistry registry = ExporterMetrics.registry(fullState(), Map.of(), true);
        String all = inventory(registry.scrape(), "");
        assertThat(all).contains("jvm_memory_used_bytes gauge [area]", "jvm_threads_current gauge []",
                "process_cpu_seconds_total counter []", "process_resident_memory_bytes gauge []");
    }
}
