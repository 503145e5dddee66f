package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.AlertRuleConfig;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.HealthConfig;
import io.perfect21.p21mon.config.JobConfig;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.config.RecordingRuleConfig;
import io.perfect21.p21mon.metrics.Promql;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every alerting and recording rule p21mon knows, one definition each: the seed's four defaults (HighCPUUsage,
 * HighAPILatency, HighErrorRate, LongAgentExecution), host, target, health-check and job rules, SLO burn-rate rules
 * from {@code slos:} ({@link SloRules}) and the user's own from {@code alerting.rules} (Prometheus rule files of
 * {@code alerting.rule_files} are {@link UserRuleFiles}, copied as they are). {@code alerting.disabled_rules} leaves
 * built-ins out. Thresholds come from
 * {@code health:}. The host-level rules are also {@link HostRule}s, which {@code alerts eval} evaluates on this host
 * with the same names, thresholds and {@code for}.
 *
 * <pre>{@code
 * RuleCatalogue rules = RuleCatalogue.of(config);
 * rules.files();      // p21mon-alerts.yml, p21mon-recording.yml, p21mon-slo.yml, user.yml
 * rules.hostRules();  // HighCPUUsage, HighMemoryUsage, DiskSpaceLow, HighLoad, HealthCheckFailing
 * }</pre>
 */
public final class RuleCatalogue {
    public static final String ALERTS_FILE = "p21mon-alerts.yml";
    public static final String RECORDING_FILE = "p21mon-recording.yml";
    public static final String SLO_FILE = "p21mon-slo.yml";
    public static final String USER_FILE = "user.yml";
    /** Series Prometheus makes itself, which rules may read beside p21mon's. */
    public static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    /** A job's staleness limit when {@code jobs:} gives none. */
    public static final Duration DEFAULT_JOB_MAX_AGE = Duration.ofHours(26);

    public static final String CPU_USAGE = "instance:p21_host_cpu_usage:ratio_rate5m";
    public static final String MEMORY_USAGE = "instance:p21_host_memory_usage:ratio";
    public static final String FILESYSTEM_USAGE = "instance:p21_host_filesystem_usage:ratio";
    public static final String LOAD_PER_CPU = "instance:p21_host_load1_per_cpu:ratio";
    public static final String API_REQUESTS = "job:p21_api_requests:rate5m";
    public static final String API_ERRORS = "job:p21_api_request_errors:rate5m";
    public static final String API_LATENCY_P95 = "job_endpoint:p21_api_request_duration_seconds:p95_rate5m";
    public static final String AGENT_DURATION_P95 = "job_agent:p21_agent_execution_duration_seconds:p95_rate5m";

    private final List<RuleFile> files;
    private final List<HostRule> hostRules;
    private final P21monConfig config;
    private final Set<String> builtInAlertNames;

    private RuleCatalogue(List<RuleFile> files, List<HostRule> hostRules, P21monConfig config, Set<String> builtInAlertNames) {
        this.files = List.copyOf(files);
        this.hostRules = List.copyOf(hostRules);
        this.config = config;
        this.builtInAlertNames = Set.copyOf(builtInAlertNames);
    }

    /** The rules for this configuration. */
    public static RuleCatalogue of(P21monConfig config) {
        String runbooks = config.alerting().runbookBaseUrl();
        List<HostRule> host = hostRules(config.health(), runbooks);
        List<AlertRule> hostAlerts = host.stream().map(HostRule::rule).toList();
        List<RuleFile> files = new ArrayList<>();
        files.add(new RuleFile(ALERTS_FILE, List.of(
                new RuleGroup("p21mon-host", List.of(), hostAlerts.stream().filter(r -> !r.name().equals(HostRule.HEALTH)).toList()),
                new RuleGroup("p21mon-health", List.of(), hostAlerts.stream().filter(r -> r.name().equals(HostRule.HEALTH)).toList()),
                new RuleGroup("p21mon-targets", List.of(), List.of(targetDown(runbooks))),
                new RuleGroup("p21mon-api", List.of(), apiRules(runbooks)),
                new RuleGroup("p21mon-jobs", List.of(), jobRules(config.jobs(), runbooks)))));
        files.add(new RuleFile(RECORDING_FILE, List.of(new RuleGroup("p21mon-recording", p21monRecording(), List.of()))));
        files.add(new RuleFile(SLO_FILE, SloRules.groups(config.effectiveSlos(),
                runbooks)));
        // alerting.disabled_rules leaves built-ins out (to replace one with your own of the same name)
        Set<String> disabled = Set.copyOf(config.alerting().disabledRules());
        Set<String> builtIn = new java.util.TreeSet<>();
        files.forEach(f -> f.alertRules().forEach(r -> builtIn.add(r.name())));
        List<RuleFile> kept = new ArrayList<>();
        for (RuleFile f : files) {
            kept.add(disabled.isEmpty() ? f : new RuleFile(f.fileName(), f.groups().stream().map(g -> new RuleGroup(g.name(),
                    g.recordingRules(), g.alertRules().stream().filter(r -> !disabled.contains(r.name())).toList()))
                    .filter(g -> !g.recordingRules().isEmpty() || !g.alertRules().isEmpty()).toList()));
        }
        kept.add(new RuleFile(USER_FILE, List.of(new RuleGroup("user", userRecording(config.alerting().recordingRules()),
                userAlerts(config.alerting().rules(), runbooks)))));
        return new RuleCatalogue(kept, host.stream().filter(h -> !disabled.contains(h.rule().name())).toList(), config,
                builtIn);
    }

    /** The names of p21mon's built-in alerting rules, also those {@code alerting.disabled_rules} leaves out. */
    public Set<String> builtInAlertNames() {
        return builtInAlertNames;
    }

    /**
     * Where one of the user's alerts (in {@code alerting.rules} or a rule file) has the name of a built-in that is
     * not disabled: one line each, naming both and how to replace or keep them. Prometheus would run both.
     */
    public static List<String> nameCollisions(P21monConfig config, UserRuleFiles userFiles) {
        Map<String, String> builtIn = new LinkedHashMap<>();
        for (RuleFile f : of(config).files) {
            if (!f.fileName().equals(USER_FILE)) {
                f.groups().forEach(g -> g.alertRules().forEach(r -> builtIn.put(r.name(), f.fileName() + ", group " + g.name())));
            }
        }
        List<String> out = new ArrayList<>();
        String advice = "both would fire; to replace the built-in, add '%s' to alerting.disabled_rules; to keep both, "
                + "rename yours (docs/alerts.md#bring-your-own)";
        for (int i = 0; i < config.alerting().rules().size(); i++) {
            String name = config.alerting().rules().get(i).alert();
            if (builtIn.containsKey(name)) {
                out.add("alerting.rules[" + i + "]: alert '" + name + "' has the name of p21mon's built-in " + name
                        + " (" + builtIn.get(name) + "); " + String.format(advice, name));
            }
        }
        for (UserRuleFiles.UserRuleFile f : userFiles.files()) {
            for (RuleFileChecker.FoundGroup g : f.check().groups()) {
                for (RuleFileChecker.FoundRule r : g.rules()) {
                    if (r.kind().equals("alert") && builtIn.containsKey(r.name())) {
                        out.add(f.source() + ":" + r.line() + ":" + r.column() + ": alert '" + r.name() + "' (group '"
                                + g.name() + "') has the name of p21mon's built-in " + r.name() + " ("
                                + builtIn.get(r.name()) + "); " + String.format(advice, r.name()));
                    }
                }
            }
        }
        return out;
    }

    /** The four rule files, in the order they are written. */
    public List<RuleFile> files() {
        return files;
    }

    /** Every group of every file in one file ({@code alerts rules} with no {@code --out} prints it). */
    public RuleFile merged() {
        return new RuleFile("p21mon-rules.yml", files.stream().flatMap(f -> f.groups().stream())
                .filter(g -> !g.recordingRules().isEmpty() || !g.alertRules().isEmpty()).toList());
    }

    /** The host-level rules {@code alerts eval} evaluates locally. */
    public List<HostRule> hostRules() {
        return hostRules;
    }

    /** Every alerting rule. */
    public List<AlertRule> alertRules() {
        return files.stream().flatMap(f -> f.alertRules().stream()).toList();
    }

    /** Every recording rule. */
    public List<RecordingRule> recordingRules() {
        return files.stream().flatMap(f -> f.recordingRules().stream()).toList();
    }

    /** The same catalogue with each alerting rule mapped (tests shorten {@code for}). */
    public RuleCatalogue mapAlerts(UnaryOperator<AlertRule> f) {
        return new RuleCatalogue(files.stream().map(file -> file.mapAlerts(f)).toList(), hostRules, config,
                builtInAlertNames);
    }

    /**
     * Checks every expression: p21mon's own rules may read only the metrics it exports, those its recording rules
     * define and Prometheus's {@code up}; the user's rules and SLO expressions must lex.
     *
     * @throws P21monException (usage) naming the rule and the problem, for a rule from the configuration
     * @throws IllegalStateException for a problem in p21mon's own rules (a bug)
     */
    public RuleCatalogue check() {
        Set<String> known = new HashSet<>(PROMETHEUS_SERIES);
        recordingRules().forEach(r -> known.add(r.record()));
        for (P21monConfigSource s : sources()) {
            String problem = Promql.problem(s.expr());
            if (problem != null) {
                throw P21monException.usage(s.key() + ": invalid PromQL (" + problem + "): " + s.expr());
            }
        }
        List<String> bugs = new ArrayList<>();
        for (RuleFile f : files) {
            if (f.fileName().equals(USER_FILE)) {
                continue;
            }
            for (RecordingRule r : f.recordingRules()) {
                if (!f.fileName().equals(SLO_FILE)) {
                    Set<String> unknown = Promql.unknownNames(r.expr(), known);
                    if (!unknown.isEmpty()) {
                        bugs.add(r.record() + " reads unknown metrics " + unknown);
                    }
                }
            }
            for (AlertRule r : f.alertRules()) {
                Set<String> unknown = Promql.unknownNames(r.expr(), known);
                if (!unknown.isEmpty()) {
                    bugs.add(r.name() + " reads unknown metrics " + unknown);
                }
            }
        }
        for (AlertRule r : alertRules()) {
            if (!r.labels().containsKey("severity") || !r.annotations().keySet().containsAll(AlertRule.REQUIRED_ANNOTATIONS)) {
                bugs.add(r.name() + " lacks severity, summary, description or runbook_url");
            }
        }
        if (!bugs.isEmpty()) {
            throw new IllegalStateException("p21mon's rule catalogue is inconsistent: " + bugs);
        }
        return this;
    }

    private record P21monConfigSource(String key, String expr) {
    }

    private List<P21monConfigSource> sources() {
        List<P21monConfigSource> out = new ArrayList<>();
        for (AlertRuleConfig r : config.alerting().rules()) {
            out.add(new P21monConfigSource("alerting.rules[" + r.alert() + "].expr", r.expr()));
        }
        for (RecordingRuleConfig r : config.alerting().recordingRules()) {
            out.add(new P21monConfigSource("alerting.recording_rules[" + r.record() + "].expr", r.expr()));
        }
        for (var s : config.slos()) {
            out.add(new P21monConfigSource("slos[" + s.name() + "].errors", SloRules.expand(s.errors(), "5m")));
            out.add(new P21monConfigSource("slos[" + s.name() + "].total", SloRules.expand(s.total(), "5m")));
        }
        return out;
    }

    static String runbook(String base, String alert) {
        return base + "#" + alert.toLowerCase(Locale.ROOT);
    }

    /** A number as PromQL and people write it: 90, not 90.0. */
    public static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static List<HostRule> hostRules(HealthConfig h, String runbooks) {
        String cpu = number(h.cpuThreshold());
        String mem = number(h.memoryThreshold());
        String disk = number(h.diskThreshold());
        String load = number(h.loadThreshold());
        Duration five = Duration.ofMinutes(5);
        return List.of(
                new HostRule(AlertRule.of(HostRule.CPU, CPU_USAGE + " * 100 > " + cpu, five, "warning",
                        "CPU usage above " + cpu + "% on {{ $labels.instance }}",
                        "CPU usage is {{ $value | printf \"%.1f\" }}% and has stayed above " + cpu
                                + "% (health.cpu_threshold) for 5 minutes.",
                        runbook(runbooks, HostRule.CPU)), HostRule.Measure.CPU_PERCENT, h.cpuThreshold()),
                new HostRule(AlertRule.of(HostRule.MEMORY, MEMORY_USAGE + " * 100 > " + mem, five, "warning",
                        "Memory usage above " + mem + "% on {{ $labels.instance }}",
                        "Memory usage is {{ $value | printf \"%.1f\" }}% and has stayed above " + mem
                                + "% (health.memory_threshold) for 5 minutes.",
                        runbook(runbooks, HostRule.MEMORY)), HostRule.Measure.MEMORY_PERCENT, h.memoryThreshold()),
                new HostRule(AlertRule.of(HostRule.DISK, FILESYSTEM_USAGE + " * 100 > " + disk, five, "critical",
                        "File system {{ $labels.mountpoint }} on {{ $labels.instance }} is over " + disk + "% full",
                        "File system {{ $labels.mountpoint }} is {{ $value | printf \"%.1f\" }}% full (health.disk_threshold "
                                + disk + "%).",
                        runbook(runbooks, HostRule.DISK)), HostRule.Measure.DISK_PERCENT, h.diskThreshold()),
                new HostRule(AlertRule.of(HostRule.LOAD, LOAD_PER_CPU + " > " + load, five, "warning",
                        "Load above " + load + " per CPU on {{ $labels.instance }}",
                        "The 1-minute load average is {{ $value | printf \"%.2f\" }} per CPU and has stayed above "
                                + load + " (health.load_threshold) for 5 minutes.",
                        runbook(runbooks, HostRule.LOAD)), HostRule.Measure.LOAD_PER_CPU, h.loadThreshold()),
                new HostRule(AlertRule.of(HostRule.HEALTH, "p21_health_check_status > 1", Duration.ofMinutes(2), "critical",
                        "Health check {{ $labels.check }} on {{ $labels.instance }} is failing",
                        "Health check {{ $labels.check }} has been unhealthy or unknown (status {{ $value }}: 2 unhealthy, "
                                + "3 unknown) for 2 minutes; run 'p21mon health --check {{ $labels.check }}' on the host.",
                        runbook(runbooks, HostRule.HEALTH)), HostRule.Measure.HEALTH_STATUS, 1));
    }

    private static AlertRule targetDown(String runbooks) {
        return AlertRule.of("TargetDown", "up == 0", Duration.ofMinutes(1), "critical",
                "Target {{ $labels.instance }} of job {{ $labels.job }} is down",
                "Prometheus has not been able to scrape {{ $labels.instance }} (job {{ $labels.job }}) for 1 minute.",
                runbook(runbooks, "TargetDown"));
    }

    private static List<AlertRule> apiRules(String runbooks) {
        return List.of(
                AlertRule.of("HighAPILatency", API_LATENCY_P95 + " > 2", Duration.ofMinutes(2), "warning",
                        "API latency above 2s on {{ $labels.endpoint }}",
                        "The 95th percentile latency of {{ $labels.endpoint }} (job {{ $labels.job }}) is "
                                + "{{ $value | printf \"%.2f\" }}s and has stayed above 2s for 2 minutes.",
                        runbook(runbooks, "HighAPILatency")),
                AlertRule.of("HighErrorRate", API_ERRORS + " * 60 > 10", Duration.ofMinutes(1), "critical",
                        "More than 10 API errors a minute in job {{ $labels.job }}",
                        "Job {{ $labels.job }} answers {{ $value | printf \"%.1f\" }} requests a minute with a 5xx status "
                                + "(over 5 minutes), more than 10 for 1 minute.",
                        runbook(runbooks, "HighErrorRate")),
                AlertRule.of("LongAgentExecution", AGENT_DURATION_P95 + " > 300", Duration.ofMinutes(1), "warning",
                        "Agent {{ $labels.agent }} runs longer than 5 minutes",
                        "The 95th percentile execution time of agent {{ $labels.agent }} is "
                                + "{{ $value | printf \"%.0f\" }}s, above 300s (5 minutes), for 1 minute.",
                        runbook(runbooks, "LongAgentExecution")));
    }

    private static List<AlertRule> jobRules(List<JobConfig> jobs, String runbooks) {
        List<AlertRule> out = new ArrayList<>();
        out.add(AlertRule.of("JobFailed", "p21_job_last_exit_code != 0", Duration.ZERO, "warning",
                "Job {{ $labels.job }} failed",
                "The last run of job {{ $labels.job }} exited with code {{ $value }}; see its output and "
                        + "'p21mon audit query --type agent_execution'.",
                runbook(runbooks, "JobFailed")));
        // one rule, the jobs' limits joined with 'or' (two JobStale rules with the same labels are duplicates to promtool)
        List<String> named = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (JobConfig j : jobs) {
            if (j.maxAge() != null) {
                named.add(j.name());
                parts.add(staleAfter("{job=\"" + j.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", j.maxAge()));
            }
        }
        String others = named.isEmpty() ? "" : "{job!~\"" + String.join("|", named.stream()
                .map(n -> n.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\\\\\$0")).toList()) + "\"}";
        parts.add(staleAfter(others, DEFAULT_JOB_MAX_AGE));
        out.add(AlertRule.of("JobStale", String.join("\nor\n", parts), Duration.ZERO, "warning",
                "Job {{ $labels.job }} has not succeeded within its max_age",
                "The last success of job {{ $labels.job }} was {{ $value | humanizeDuration }} ago, longer than its "
                        + "max_age (jobs:; " + Durations.format(DEFAULT_JOB_MAX_AGE) + " for a job with none).",
                runbook(runbooks, "JobStale")));
        return out;
    }

    private static String staleAfter(String selector, Duration maxAge) {
        return "time() - p21_job_last_success_timestamp_seconds" + selector + " > " + maxAge.toSeconds();
    }

    private static List<RecordingRule> p21monRecording() {
        return List.of(
                RecordingRule.of(CPU_USAGE, "1 - sum without (mode) (rate(p21_host_cpu_seconds_total{mode=~\"idle|iowait\"}[5m]))"
                        + " / sum without (mode) (rate(p21_host_cpu_seconds_total[5m]))"),
                RecordingRule.of(MEMORY_USAGE, "1 - p21_host_memory_available_bytes / p21_host_memory_total_bytes"),
                // used / (used + avail), as df computes it
                RecordingRule.of(FILESYSTEM_USAGE, "(p21_host_filesystem_size_bytes - p21_host_filesystem_free_bytes)"
                        + " / (p21_host_filesystem_size_bytes - p21_host_filesystem_free_bytes + p21_host_filesystem_avail_bytes)"),
                RecordingRule.of(LOAD_PER_CPU, "p21_host_load1 / p21_host_cpus"),
                RecordingRule.of(API_REQUESTS, "sum by (job) (rate(p21_api_requests_total[5m]))"),
                RecordingRule.of(API_ERRORS, "sum by (job) (rate(p21_api_requests_total{status=~\"5..\"}[5m]))"),
                RecordingRule.of(API_LATENCY_P95, "histogram_quantile(0.95, sum by (job, endpoint, le) "
                        + "(rate(p21_api_request_duration_seconds_bucket[5m])))"),
                RecordingRule.of(AGENT_DURATION_P95, "histogram_quantile(0.95, sum by (job, agent, le) "
                        + "(rate(p21_agent_execution_duration_seconds_bucket[5m])))"));
    }

    private static List<RecordingRule> userRecording(List<RecordingRuleConfig> rules) {
        return rules.stream().map(r -> new RecordingRule(r.record(), r.expr(), r.labels())).toList();
    }

    private static List<AlertRule> userAlerts(List<AlertRuleConfig> rules, String runbooks) {
        List<AlertRule> out = new ArrayList<>();
        for (AlertRuleConfig r : rules) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("severity", r.severity());
            labels.putAll(r.labels());
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", r.summary() != null ? r.summary() : r.alert() + " is firing");
            annotations.put("description", r.description() != null ? r.description()
                    : "Alert " + r.alert() + " (alerting.rules) has held for " + Durations.format(r.forDuration()) + ".");
            annotations.put("runbook_url", r.runbookUrl() != null ? r.runbookUrl() : runbook(runbooks, "user-rules"));
            annotations.putAll(r.annotations());
            out.add(new AlertRule(r.alert(), r.expr(), r.forDuration(), labels, annotations));
        }
        return out;
    }
}
