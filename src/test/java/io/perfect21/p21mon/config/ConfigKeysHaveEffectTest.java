package io.perfect21.p21mon.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #22.11, no dead configuration: every key of {@code config init}'s example (set or commented out) and every key
 * the loader accepts has a row here naming the test class that shows its effect. A key added to the example or to the
 * record tree without a row fails {@link #everyKeyOfTheExampleHasARow()} or {@link #everyKeyTheLoaderAcceptsHasARow()};
 * a row whose class does not exist or never mentions its key fails {@link #eachRowsTestClassMentionsItsKey()}.
 */
class ConfigKeysHaveEffectTest {
    private static final String EXAMPLE = "/io/perfect21/p21mon/config/p21mon.example.yaml";
    private static final Path TESTS = Path.of("src/test/java/io/perfect21/p21mon");

    /** Key (section.key) → the test class, under io.perfect21.p21mon, that shows what it does. */
    static final Map<String, String> EFFECT = new LinkedHashMap<>();

    static {
        row("metrics.port", "cli.MetricsServeCommandTest");
        row("metrics.update_interval", "metrics.MetricsServeProcessIT");
        row("metrics.retention_period", "stack.StackConfigTest");         // --storage.tsdb.retention.time
        row("metrics.custom_labels", "cli.MetricsShowCommandTest");
        row("metrics.prometheus_url", "cli.MetricsQueryCommandTest");
        row("metrics.pushgateway_url", "cli.MetricsPushCommandTest");
        row("metrics.git_repos", "metrics.MetricsReadyTest");
        row("metrics.jvm_metrics", "cli.MetricsShowCommandTest");

        row("tracing.service_name", "cli.HealthTracingTest");
        row("tracing.otlp_endpoint", "cli.RunCommandTest");
        row("tracing.jaeger_host", "tracing.TraceContextTest");
        row("tracing.file_output", "cli.TracesCommandTest");
        row("tracing.jaeger_query_url", "cli.TracesCommandTest");
        row("tracing.sampling_rate", "cli.RunCommandTest");
        row("tracing.keep_errors", "cli.RunCommandTest");
        row("tracing.max_spans", "tracing.TracingExportTest");

        row("health.interval", "health.CpuSinceLastRunTest");
        row("health.timeout", "health.CommandTimeoutIT");
        row("health.cpu_threshold", "alerts.RuleCatalogueTest");
        row("health.cpu_warning", "health.HealthChecksTest");
        row("health.memory_threshold", "health.HealthChecksTest");
        row("health.memory_warning", "health.HealthChecksTest");
        row("health.swap_threshold", "health.HealthChecksTest");
        row("health.swap_warning", "health.HealthChecksTest");
        row("health.disk_threshold", "alerts.RuleCatalogueTest");
        row("health.disk_warning", "health.HealthChecksTest");
        row("health.load_threshold", "alerts.RuleCatalogueTest");
        row("health.load_warning", "health.HealthChecksTest");
        row("health.cpu_sample_ms", "health.CpuSinceLastRunTest");
        row("health.checks", "health.HealthChecksTest");

        row("alerting.evaluation_interval", "stack.StackConfigKeysTest");
        row("alerting.group_wait", "stack.StackConfigKeysTest");
        row("alerting.group_interval", "stack.StackConfigKeysTest");
        row("alerting.repeat_interval", "stack.StackConfigKeysTest");
        row("alerting.notification_timeout", "health.HealthNotifyIT");
        row("alerting.alertmanager_url", "config.AlertingConfigTest");
        row("alerting.slack_webhook", "cli.AlertsCommandTest");
        row("alerting.slack_channel", "stack.StackConfigKeysTest");
        row("alerting.email", "cli.AlertsCommandTest");
        row("alerting.webhook", "cli.AlertsCommandTest");
        row("alerting.channels", "config.AlertingConfigTest");
        row("alerting.routes", "config.AlertingConfigTest");
        row("alerting.default_channels", "config.AlertingConfigTest");
        row("alerting.rules", "alerts.RuleCatalogueTest");
        row("alerting.recording_rules", "alerts.RuleCatalogueTest");
        row("alerting.rule_test_files", "alerts.AlertsPromtoolIT");
        row("alerting.rule_files", "cli.RuleFilesCommandTest");
        row("alerting.disabled_rules", "cli.RuleFilesCommandTest");
        row("alerting.runbook_base_url", "alerts.RuleCatalogueTest");

        row("dashboards.generate", "cli.DashboardsCommandTest");
        row("dashboards.out_dir", "cli.DashboardsCommandTest");
        row("dashboards.templates_dir", "cli.DashboardsCommandTest");
        row("dashboards.datasource_uid", "stack.StackConfigTest");
        row("dashboards.grafana_url", "cli.DashboardsPushCommandTest");
        row("dashboards.folder_uid", "cli.DashboardsPushCommandTest");

        row("audit.dir", "cli.AuditCommandTest");
        row("audit.hmac_key_file", "cli.AuditCommandTest");
        row("audit.encryption_key_file", "cli.AuditCommandTest");
        row("audit.mask_fields", "cli.AuditCommandTest");
        row("audit.compress_after", "cli.AuditCommandTest");
        row("audit.retention", "cli.AuditCommandTest");
        row("audit.loki_url", "audit.AuditLokiTest");

        row("stack.dir", "stack.StackConfigTest");
        row("stack.runtime", "stack.StackConfigTest");
        row("stack.with", "stack.StackConfigTest");
        row("stack.ports", "stack.StackConfigTest");
        row("stack.targets", "stack.StackConfigTest");
        row("stack.targets_file", "stack.StackConfigTest");
        row("stack.templates_dir", "stack.StackConfigTest");
        row("stack.verify_port", "stack.StackNativeIT");

        row("slos", "cli.DashboardsCommandTest");
        row("jobs", "alerts.RuleCatalogueTest");
    }

    private static void row(String key, String testClass) {
        assertThat(EFFECT.put(key, testClass)).as("duplicate row " + key).isNull();
    }

    @Test
    void everyKeyOfTheExampleHasARow() throws IOException {
        Set<String> keys = exampleKeys();
        assertThat(keys).as("the example's keys (did the parser break?)").hasSizeGreaterThan(60)
                .contains("tracing.otlp_endpoint", "alerting.email", "dashboards.generate", "slos", "jobs");
        assertThat(EFFECT.keySet()).as("keys of %s with no row here: give each a test that shows its effect, "
                + "or remove it from the record tree and the example", EXAMPLE).containsAll(keys);
    }

    @Test
    void everyKeyTheLoaderAcceptsHasARow() {
        Set<String> accepted = acceptedKeys();
        assertThat(EFFECT.keySet()).as("keys the loader accepts with no row here").containsAll(accepted);
        assertThat(accepted).as("rows for keys the loader rejects as unknown").containsAll(EFFECT.keySet());
    }

    @Test
    void eachRowsTestClassMentionsItsKey() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> e : EFFECT.entrySet()) {
            Path source = TESTS.resolve(e.getValue().replace('.', '/') + ".java");
            String leaf = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            if (!Files.isRegularFile(source)) {
                bad.add(e.getKey() + ": " + source + " does not exist");
            } else {
                String text = Files.readString(source);
                if (!Pattern.compile("\\b(" + leaf + "|" + camel(leaf) + ")\\b").matcher(text).find()) {
                    bad.add(e.getKey() + ": " + source + " never mentions " + leaf);
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void theKeyParserReadsSetAndCommentedKeysAtTheirDepth() {
        Set<String> keys = keysOf("""
                a:
                  b: 1             # c: not a key
                  # d: 2
                  #   e: nested, not a section key
                  #   - {f: 1}
                # g: []
                #   h: 1           # under '# g:', two deeper: a key of section g
                # Prose: capitalised, not a key
                """);
        assertThat(keys).containsExactly("a", "a.b", "a.d", "g", "g.h");
    }

    /** Every key {@code section.key} (and top-level key without sub-keys) in the example, whether set or commented out. */
    static Set<String> exampleKeys() throws IOException {
        try (InputStream in = ConfigKeysHaveEffectTest.class.getResourceAsStream(EXAMPLE)) {
            assertThat(in).as(EXAMPLE).isNotNull();
            Set<String> keys = keysOf(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            keys.removeIf(k -> keys.stream().anyMatch(other -> other.startsWith(k + "."))); // sections
            return keys;
        }
    }

    private static final Pattern KEY_LINE = Pattern.compile("^( *)(# ?)?( *)([a-z_][a-z0-9_]*):(\\s|$)");

    static Set<String> keysOf(String yaml) {
        Set<String> keys = new LinkedHashSet<>();
        String section = null;
        for (String line : yaml.split("\n", -1)) {
            Matcher m = KEY_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            int depth = m.group(1).length() + m.group(3).length();
            String key = m.group(4);
            if (depth == 0) {
                section = key;
                keys.add(key);
            } else if (depth == 2 && section != null) {
                keys.add(section + "." + key);
            }
        }
        return keys;
    }

    /** The keys the loader binds: each section's record components (top-level lists are keys themselves). */
    static Set<String> acceptedKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (RecordComponent section : P21monConfig.class.getRecordComponents()) {
            String name = ConfigBinder.keyOf(section);
            keys.add(name);
            if (section.getGenericType() instanceof ParameterizedType) {
                continue; // slos, jobs: lists of records, their items' keys are shown by the row's test
            }
            for (RecordComponent c : section.getType().getRecordComponents()) {
                keys.add(name + "." + ConfigBinder.keyOf(c));
            }
        }
        keys.removeAll(Set.of("metrics", "tracing", "health", "alerting", "dashboards", "audit", "stack"));
        return keys;
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
