package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.Locale;
import java.util.Map;

/**
 * The application metrics of the seed's {@code MetricsCollector}, for a Java service to embed: API requests, agent
 * executions, parallel workflows, git operations and hooks, users, workspaces, feature usage and code quality. Names
 * follow SPEC §4.2 ({@code p21_*}, base units, {@code _total} counters). Cardinality stays bounded: endpoints become
 * route templates ({@code /users/:id}) and, like agent, feature, hook and quality check names, collapse to
 * {@code other} after a limit of distinct values; HTTP statuses keep their code (SLO rules match {@code 5..}).
 *
 * <pre>{@code
 * MetricsCollector metrics = new MetricsCollector();           // its own registry
 * metrics.recordApiRequest("GET", "/api/tasks/42", 200, 0.012);
 * HTTPServer.builder().port(9400).registry(metrics.registry()).buildAndStart();
 * }</pre>
 */
public final class MetricsCollector {
    /** Distinct endpoints kept before new ones become {@code other}. */
    public static final int MAX_ENDPOINTS = 100;
    /** Distinct agents, features, hooks, operations, statuses and quality checks kept before {@code other}. */
    public static final int MAX_NAMES = 50;

    static final double[] API_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10};
    static final double[] AGENT_BUCKETS = {0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800};
    static final double[] GIT_BUCKETS = {0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120};
    static final double[] CONCURRENCY_BUCKETS = {1, 2, 3, 4, 6, 8, 12, 16, 32};

    private final PrometheusRegistry registry;
    private final BoundedValues endpoints = new BoundedValues(MAX_ENDPOINTS);
    private final BoundedValues agents = new BoundedValues(MAX_NAMES);
    private final BoundedValues features = new BoundedValues(MAX_NAMES);
    private final BoundedValues hooks = new BoundedValues(MAX_NAMES);
    private final BoundedValues operations = new BoundedValues(MAX_NAMES);
    private final BoundedValues statuses = new BoundedValues(MAX_NAMES);
    private final BoundedValues qualityChecks = new BoundedValues(MAX_NAMES);

    private final Counter apiRequests;
    private final Histogram apiDuration;
    private final Gauge apiInFlight;
    private final Counter agentExecutions;
    private final Histogram agentDuration;
    private final Counter workflowRuns;
    private final Histogram workflowDuration;
    private final Histogram workflowConcurrency;
    private final Gauge workflowAgentsRunning;
    private final Counter gitOperations;
    private final Histogram gitDuration;
    private final Counter hookExecutions;
    private final Histogram hookDuration;
    private final Gauge activeUsers;
    private final Gauge workspaces;
    private final Counter featureUsage;
    private final Gauge qualityScore;
    private final Gauge testCoverage;
    private final Counter qualityGates;

    /** A collector with its own registry and no constant labels. */
    public MetricsCollector() {
        this(new PrometheusRegistry(), Map.of());
    }

    /** A collector registering into {@code registry}, every series carrying {@code constantLabels}. */
    public MetricsCollector(PrometheusRegistry registry, Map<String, String> constantLabels) {
        this.registry = registry;
        Labels c = ExporterMetrics.constantLabels(constantLabels);
        apiRequests = Counter.builder().name("p21_api_requests_total").help("API requests by method, endpoint and status code.")
                .labelNames("method", "endpoint", "status").constLabels(c).register(registry);
        apiDuration = Histogram.builder().name("p21_api_request_duration_seconds").help("API request duration.")
                .labelNames("method", "endpoint").classicOnly().classicUpperBounds(API_BUCKETS).constLabels(c).register(registry);
        apiInFlight = Gauge.builder().name("p21_api_requests_in_flight").help("API requests being served now.")
                .constLabels(c).register(registry);
        agentExecutions = Counter.builder().name("p21_agent_executions_total").help("Agent executions by agent and status.")
                .labelNames("agent", "status").constLabels(c).register(registry);
        agentDuration = Histogram.builder().name("p21_agent_execution_duration_seconds").help("Agent execution duration.")
                .labelNames("agent").classicOnly().classicUpperBounds(AGENT_BUCKETS).constLabels(c).register(registry);
        workflowRuns = Counter.builder().name("p21_parallel_workflow_runs_total").help("Parallel workflow runs by status.")
                .labelNames("status").constLabels(c).register(registry);
        workflowDuration = Histogram.builder().name("p21_parallel_workflow_duration_seconds").help("Parallel workflow run duration.")
                .classicOnly().classicUpperBounds(AGENT_BUCKETS).constLabels(c).register(registry);
        workflowConcurrency = Histogram.builder().name("p21_parallel_workflow_concurrency").help("Agents run in parallel per workflow run.")
                .classicOnly().classicUpperBounds(CONCURRENCY_BUCKETS).constLabels(c).register(registry);
        workflowAgentsRunning = Gauge.builder().name("p21_parallel_workflow_agents_running").help("Agents running in parallel workflows now.")
                .constLabels(c).register(registry);
        gitOperations = Counter.builder().name("p21_git_operations_total").help("Git operations by operation and status.")
                .labelNames("operation", "status").constLabels(c).register(registry);
        gitDuration = Histogram.builder().name("p21_git_operation_duration_seconds").help("Git operation duration.")
                .labelNames("operation").classicOnly().classicUpperBounds(GIT_BUCKETS).constLabels(c).register(registry);
        hookExecutions = Counter.builder().name("p21_git_hook_executions_total").help("Git hook executions by hook and status.")
                .labelNames("hook", "status").constLabels(c).register(registry);
        hookDuration = Histogram.builder().name("p21_git_hook_duration_seconds").help("Git hook duration.")
                .labelNames("hook").classicOnly().classicUpperBounds(GIT_BUCKETS).constLabels(c).register(registry);
        activeUsers = Gauge.builder().name("p21_active_users").help("Users active now.").constLabels(c).register(registry);
        workspaces = Gauge.builder().name("p21_workspaces").help("Workspaces.").constLabels(c).register(registry);
        featureUsage = Counter.builder().name("p21_feature_usage_total").help("Feature uses by feature.")
                .labelNames("feature").constLabels(c).register(registry);
        qualityScore = Gauge.builder().name("p21_quality_score").help("Quality score by check, 0 to 100.")
                .labelNames("check").constLabels(c).register(registry);
        testCoverage = Gauge.builder().name("p21_quality_test_coverage_ratio").help("Test coverage, 0 to 1.")
                .constLabels(c).register(registry);
        qualityGates = Counter.builder().name("p21_quality_gate_checks_total").help("Quality gate checks by gate and result.")
                .labelNames("gate", "result").constLabels(c).register(registry);
    }

    /** A unit of work counted as running until closed (try-with-resources). */
    public interface InFlight extends AutoCloseable {
        @Override
        void close();
    }

    /** The registry the metrics are in (serve it with the client's {@code HTTPServer}). */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** One API request: method, path or route, HTTP status code, duration in seconds. */
    public void recordApiRequest(String method, String endpoint, int status, double seconds) {
        String m = BoundedValues.method(method);
        String e = endpoints.of(BoundedValues.endpoint(endpoint));
        apiRequests.labelValues(m, e, BoundedValues.status(status)).inc();
        apiDuration.labelValues(m, e).observe(nonNegative(seconds));
    }

    /** Marks an API request in flight until the returned handle is closed (try-with-resources). */
    public InFlight apiRequestStarted() {
        apiInFlight.inc();
        return apiInFlight::dec;
    }

    /** One agent execution: agent name, status ({@code success}, {@code failure}, {@code timeout}, …), seconds. */
    public void recordAgentExecution(String agent, String status, double seconds) {
        String a = agents.of(agent);
        agentExecutions.labelValues(a, statuses.of(lower(status))).inc();
        agentDuration.labelValues(a).observe(nonNegative(seconds));
    }

    /** One finished parallel workflow run: how many agents ran in parallel, its status and duration. */
    public void recordParallelWorkflow(int agentsInParallel, String status, double seconds) {
        workflowRuns.labelValues(statuses.of(lower(status))).inc();
        workflowDuration.observe(nonNegative(seconds));
        workflowConcurrency.observe(Math.max(0, agentsInParallel));
    }

    /** Counts {@code agents} as running in parallel workflows until the returned handle is closed. */
    public InFlight parallelWorkflowStarted(int agentsInParallel) {
        workflowAgentsRunning.inc(agentsInParallel);
        return () -> workflowAgentsRunning.dec(agentsInParallel);
    }

    /** One git operation ({@code commit}, {@code push}, {@code pull}, …): status and seconds. */
    public void recordGitOperation(String operation, String status, double seconds) {
        String o = operations.of(lower(operation));
        gitOperations.labelValues(o, statuses.of(lower(status))).inc();
        gitDuration.labelValues(o).observe(nonNegative(seconds));
    }

    /** One git hook execution ({@code pre-commit}, …): status and seconds. */
    public void recordHookExecution(String hook, String status, double seconds) {
        String h = hooks.of(lower(hook));
        hookExecutions.labelValues(h, statuses.of(lower(status))).inc();
        hookDuration.labelValues(h).observe(nonNegative(seconds));
    }

    public void updateActiveUsers(long users) {
        activeUsers.set(users);
    }

    public void updateWorkspaces(long count) {
        workspaces.set(count);
    }

    /** One use of a feature. */
    public void recordFeatureUsage(String feature) {
        featureUsage.labelValues(features.of(feature)).inc();
    }

    /** A quality score 0–100 by check ({@code code_quality}, {@code security}, {@code maintainability}, …). */
    public void updateQualityScore(String check, double score) {
        qualityScore.labelValues(qualityChecks.of(lower(check))).set(Math.max(0, Math.min(100, score)));
    }

    /** Test coverage as a ratio 0–1. */
    public void updateTestCoverage(double ratio) {
        testCoverage.set(Math.max(0, Math.min(1, ratio)));
    }

    /** One quality gate check and whether it passed. */
    public void recordQualityGate(String gate, boolean passed) {
        qualityGates.labelValues(qualityChecks.of(lower(gate)), passed ? "passed" : "failed").inc();
    }

    private static double nonNegative(double seconds) {
        return Double.isFinite(seconds) && seconds > 0 ? seconds : 0;
    }

    private static String lower(String s) {
        return s == null ? "unknown" : s.trim().toLowerCase(Locale.ROOT);
    }
}
