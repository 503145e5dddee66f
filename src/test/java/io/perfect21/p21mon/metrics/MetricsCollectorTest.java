package io.perfect21.p21mon.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsCollectorTest {
    @Test
    void apiRequestsAreCountedWithBoundedEndpointsAndStatusCodes() throws Exception {
        MetricsCollector m = new MetricsCollector();
        m.recordApiRequest("get", "/users/1", 200, 0.02);
        m.recordApiRequest("GET", "/users/2?verbose", 200, 0.3);
        m.recordApiRequest("POST", "/users", 503, 1.5);
        String t = ExporterCollectorsTest.text(m.registry().scrape());
        assertThat(t).contains("p21_api_requests_total{endpoint=\"/users/:id\",method=\"GET\",status=\"200\"} 2.0",
                "p21_api_requests_total{endpoint=\"/users\",method=\"POST\",status=\"503\"} 1.0",
                "p21_api_request_duration_seconds_bucket{endpoint=\"/users/:id\",method=\"GET\",le=\"0.025\"} 1",
                "p21_api_request_duration_seconds_count{endpoint=\"/users/:id\",method=\"GET\"} 2");
    }

    @Test
    void unknownEndpointsCollapseToOtherAfterTheLimit() throws Exception {
        MetricsCollector m = new MetricsCollector();
        for (int i = 0; i < MetricsCollector.MAX_ENDPOINTS + 50; i++) {
            m.recordApiRequest("GET", "/page-" + Integer.toString(i, 36) + "x", 200, 0.01);
        }
        String t = ExporterCollectorsTest.text(m.registry().scrape());
        long series = t.lines().filter(l -> l.startsWith("p21_api_requests_total{")).count();
        assertThat(series).isEqualTo(MetricsCollector.MAX_ENDPOINTS + 1);
        assertThat(t).contains("p21_api_requests_total{endpoint=\"other\",method=\"GET\",status=\"200\"} 50.0");
    }

    @Test
    void agentsWorkflowsGitBusinessAndQualityAreRecorded() throws Exception {
        MetricsCollector m = new MetricsCollector(new io.prometheus.metrics.model.registry.PrometheusRegistry(),
                Map.of("env", "test"));
        m.recordAgentExecution("planner", "SUCCESS", 12);
        MetricsCollector.InFlight running = m.parallelWorkflowStarted(3);
        assertThat(ExporterCollectorsTest.text(m.registry().scrape()))
                .contains("p21_parallel_workflow_agents_running{env=\"test\"} 3.0");
        running.close();
        m.recordParallelWorkflow(3, "success", 40);
        m.recordGitOperation("Commit", "success", 0.5);
        m.recordHookExecution("pre-commit", "failure", 2);
        m.updateActiveUsers(7);
        m.updateWorkspaces(3);
        m.recordFeatureUsage("search");
        m.updateQualityScore("security", 150);
        m.updateTestCoverage(0.83);
        m.recordQualityGate("lint", false);
        String t = ExporterCollectorsTest.text(m.registry().scrape());
        assertThat(t).contains("p21_agent_executions_total{agent=\"planner\",env=\"test\",status=\"success\"} 1.0",
                "p21_parallel_workflow_agents_running{env=\"test\"} 0.0",
                "p21_parallel_workflow_concurrency_bucket{env=\"test\",le=\"3.0\"} 1",
                "p21_git_operations_total{env=\"test\",operation=\"commit\",status=\"success\"} 1.0",
                "p21_git_hook_executions_total{env=\"test\",hook=\"pre-commit\",status=\"failure\"} 1.0",
                "p21_active_users{env=\"test\"} 7.0", "p21_workspaces{env=\"test\"} 3.0",
                "p21_feature_usage_total{env=\"test\",feature=\"search\"} 1.0",
                "p21_quality_score{check=\"security\",env=\"test\"} 100.0",
                "p21_quality_test_coverage_ratio{env=\"test\"} 0.83",
                "p21_quality_gate_checks_total{env=\"test\",gate=\"lint\",result=\"failed\"} 1.0");
    }
}
