package io.perfect21.p21mon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link ConfigBinder}: what each kind of value binds to, and each problem with its place, key and hint. */
class ConfigBinderTest {
    private static final Map<String, String> ENV = Map.of("P21_TEST_NOTE", "from-env");

    static P21monConfig parse(String yaml) {
        return new ConfigLoader(ENV, Path.of(".")).parse(yaml, "f.yaml");
    }

    /** Every problem {@code parse} finds, one a line as commands print them. */
    static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml));
        assertThat(e).as("no problem found in:\n" + yaml).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    static String fullExample() throws IOException {
        try (InputStream in = ConfigBinderTest.class.getResourceAsStream("/config/full.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("string where a number belongs", "health:\n  cpu_threshold: lots\n",
                        List.of("f.yaml:2:18: health.cpu_threshold: expected a number, got 'lots'")),
                Arguments.of("fraction where a whole number belongs", "metrics:\n  port: 1.5\n",
                        List.of("f.yaml:2:9: metrics.port: expected a whole number, got 1.5")),
                Arguments.of("whole number too big", "tracing: {max_spans: 99999999999}\n",
                        List.of("f.yaml:1:22: tracing.max_spans: expected a whole number, got 99999999999")),
                Arguments.of("not a boolean", "dashboards: {generate: maybe}\n",
                        List.of("f.yaml:1:24: dashboards.generate: expected true or false, got 'maybe'")),
                Arguments.of("not a duration", "health:\n  timeout: soon\n",
                        List.of("f.yaml:2:12: health.timeout: 'soon' is not a duration; write seconds (30) or a number "
                                + "with a unit: 500ms, 30s, 5m, 2h, 7d")),
                Arguments.of("mapping where a string belongs", "tracing:\n  service_name: {a: 1}\n",
                        List.of("f.yaml:2:17: tracing.service_name: expected a string")),
                Arguments.of("list where a section belongs", "metrics: [1, 2]\n",
                        List.of("f.yaml:1:10: metrics: expected a mapping of keys (key: value)")),
                Arguments.of("list where a map belongs", "metrics:\n  custom_labels: [a]\n",
                        List.of("f.yaml:2:18: metrics.custom_labels: expected a mapping of keys (key: value)")),
                Arguments.of("the file is a list", "- a\n- b\n",
                        List.of("f.yaml:1:1: the file: expected a mapping of keys (key: value)")),
                Arguments.of("unknown key with a suggestion", "metrics:\n  prot: 9\n",
                        List.of("f.yaml:2:3: unknown key 'metrics.prot'; did you mean 'port'?")),
                Arguments.of("unknown key far from every known one", "jobs:\n  - {name: b, zzzzzzzz: 1}\n",
                        List.of("f.yaml:2:15: unknown key 'jobs[0].zzzzzzzz'; known keys: max_age, name, notify, timeout")),
                Arguments.of("unknown key suggests a renamed key", "jobs:\n  - {name: b, notfy: true}\n",
                        List.of("f.yaml:2:15: unknown key 'jobs[0].notfy'; did you mean 'notify'?")),
                Arguments.of("unknown key in the second of a nested list of records",
                        "alerting:\n  rules:\n    - {alert: A, expr: up}\n    - {alert: B, expr: up, fro: 5m}\n",
                        List.of("f.yaml:4:28: unknown key 'alerting.rules[1].fro'; did you mean 'for'?")),
                Arguments.of("a mapping where a list belongs",
                        "alerting:\n  rules:\n    HighErrorRate: {expr: up}\n",
                        List.of("f.yaml:3:5: alerting.rules: expected a list (one '- ' item per entry), found a mapping")),
                Arguments.of("a record's constructor refuses", "alerting:\n  email: {port: 25}\n",
                        List.of("f.yaml:2:3: alerting.email.host is required")),
                Arguments.of("a list entry's constructor refuses", "jobs:\n  - {timeout: 5m}\n",
                        List.of("f.yaml:2:5: jobs[0]: jobs[].name is required")),
                Arguments.of("a check without name and type",
                        "health:\n  checks:\n    - {url: http://a}\n",
                        List.of("f.yaml:3:7: health.checks[0]: missing required key 'name'",
                                "f.yaml:3:7: health.checks[0]: missing required key 'type'; e.g. type: http")),
                Arguments.of("a key without a value in a map", "metrics:\n  custom_labels: {env: }\n",
                        List.of("f.yaml:2:19: metrics.custom_labels.env: a key or list item has no value; write a value, "
                                + "or remove it")),
                Arguments.of("an empty list item", "audit:\n  mask_fields:\n    - pin\n    -\n",
                        List.of("f.yaml:4:6: audit.mask_fields[1]: a key or list item has no value; write a value, "
                                + "or remove it")),
                Arguments.of("duplicate key", "metrics:\n  port: 1\n  port: 2\n",
                        List.of("f.yaml:3:3: metrics.port: duplicate key 'port'; remove one of them")),
                Arguments.of("unset variable", "alerting:\n  slack_webhook: ${P21_TEST_UNSET}\n",
                        List.of("f.yaml:2:18: alerting.slack_webhook: environment variable P21_TEST_UNSET is not set "
                                + "(set it, or write ${P21_TEST_UNSET:-default} to give a default)")),
                Arguments.of("unset variable where a number belongs is not also a wrong type",
                        "metrics:\n  port: ${P21_TEST_UNSET}\n",
                        List.of("f.yaml:2:9: metrics.port: environment variable P21_TEST_UNSET is not set "
                                + "(set it, or write ${P21_TEST_UNSET:-default} to give a default)")),
                Arguments.of("second document", "metrics: {port: 1}\n---\nhealth: {}\n",
                        List.of("f.yaml:3:1: a second YAML document (after ---); p21mon reads one document per file")),
                Arguments.of("several at once, in the order found", """
                        metrics:
                          port: many
                          prot: 9
                        health:
                          timeout: soon
                          checks:
                            - {name: c, type: tcp, timeout: never, port: 1}
                        jobs:
                          - {name: b, timeuot: 2h}
                          - {timeout: 1h}
                        """, List.of(
                        "f.yaml:2:9: metrics.port: expected a whole number, got 'many'",
                        "f.yaml:3:3: unknown key 'metrics.prot'; did you mean 'port'?",
                        "f.yaml:5:12: health.timeout: 'soon' is not a duration; write seconds (30) or a number with a "
                                + "unit: 500ms, 30s, 5m, 2h, 7d",
                        "f.yaml:7:37: health.checks[0].timeout: 'never' is not a duration; write seconds (30) or a "
                                + "number with a unit: 500ms, 30s, 5m, 2h, 7d",
                        "f.yaml:9:15: unknown key 'jobs[0].timeuot'; did you mean 'timeout'?",
                        "f.yaml:10:5: jobs[1]: jobs[].name is required")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyProblemHasItsPlaceKeyAndHint(String what, String yaml, List<String> expected) {
        assertThat(problems(yaml)).containsExactlyElementsOf(expected);
    }

    @Test
    void aFullConfigurationBindsEveryKindOfValue() throws IOException {
        P21monConfig c = parse(fullExample());
        assertThat(c.metrics().port()).isEqualTo(9100); // "${VAR:-9100}" became a number
        assertThat(c.metrics().customLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "team", "ops"));
        assertThat(c.metrics().gitRepos()).containsExactly("/srv/app");
        assertThat(c.tracing().samplingRate()).isEqualTo(0.25);
        assertThat(c.tracing().keepErrors()).isFalse();
        assertThat(c.health().interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.health().timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.health().cpuThreshold()).isEqualTo(95.0); // a whole number where a Double belongs
        assertThat(c.health().cpuWarning()).isEqualTo(85.0);   // the record's default from it
        assertThat(c.health().cpuSampleMs()).isEqualTo(200);

        CheckConfig db = c.health().checks().get(0);
        assertThat(db.name()).isEqualTo("db");
        assertThat(db.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(db.warning()).isEqualTo("10:20");
        // the check's own keys in file order, values as YAML gave them; ${VAR} expanded inside them too
        assertThat(db.options()).containsExactly(
                Map.entry("host", "localhost"),
                Map.entry("port", 5432),
                Map.entry("tags", List.of("a", "b")),
                Map.entry("limits", Map.of("ratio", 1.5, "on", true, "note", "from-env")));
        assertThat(c.health().checks().get(1).options()).isEmpty();

        AlertingConfig a = c.alerting();
        assertThat(a.email().to()).containsExactly("ops@example.com"); // a single value stands for a list of one
        assertThat(a.email().ssl()).isTrue();
        assertThat(a.routes().get(0).continueMatching()).isTrue();      // renamed: continue
        assertThat(a.routes().get(0).matchRe()).containsEntry("team", "ops|sre");
        assertThat(a.rules().get(0).forDuration()).isEqualTo(Duration.ofMinutes(5)); // renamed: for
        assertThat(a.rules().get(0).labels()).containsEntry("team", "ops");
        assertThat(a.recordingRules().get(0).record()).isEqualTo("job:up:sum");
        assertThat(a.channelNames()).containsExactly("slack", "email", "webhook", "pager");

        assertThat(c.dashboards().generate()).isFalse();
        assertThat(c.audit().compressAfter()).isEqualTo(Duration.ofDays(1));
        assertThat(c.stack().ports()).containsEntry("grafana", 3300).containsEntry("prometheus", 9090);
        assertThat(c.slos().get(0).objective()).isEqualTo(99.5);
        assertThat(c.jobs().get(0).notifyOnFailure()).isTrue();          // renamed: notify
        assertThat(c.jobs().get(0).maxAge()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void missingAndEmptyValuesTakeTheDefaults() {
        assertThat(parse("")).isEqualTo(P21monConfig.defaults());
        assertThat(parse("metrics:\n").metrics()).isEqualTo(P21monConfig.defaults().metrics());
        P21monConfig c = parse("metrics: {port: \"${P21_TEST_UNSET:-}\", update_interval: ~}\n");
        assertThat(c.metrics().port()).isEqualTo(8080);
        assertThat(c.metrics().updateInterval()).isEqualTo(Duration.ofSeconds(30));
        // an empty entry of a list of records is left out, as before
        assertThat(parse("health:\n  checks:\n    -\n    - {name: x, type: p21mon}\n").health().checks())
                .extracting(CheckConfig::name).containsExactly("x");
    }

    @Test
    void stringsCoerceToTheKeysTypesAndScalarsToStrings() {
        P21monConfig c = parse("""
                metrics: {port: "8081"}
                tracing: {sampling_rate: "0.5", service_name: 42}
                dashboards: {generate: "False"}
                """);
        assertThat(c.metrics().port()).isEqualTo(8081);
        assertThat(c.tracing().samplingRate()).isEqualTo(0.5);
        assertThat(c.tracing().serviceName()).isEqualTo("42");
        assertThat(c.dashboards().generate()).isFalse();
    }

    @Test
    void everyKeyOfTheRecordTreeHasATypeTheBinderReads() {
        List<String> unreadable = new java.util.ArrayList<>();
        walk(P21monConfig.class, "", unreadable, new java.util.HashSet<>());
        assertThat(unreadable).as("components of a type ConfigBinder does not bind").isEmpty();
    }

    private static void walk(java.lang.reflect.Type type, String path, List<String> unreadable,
                             java.util.Set<Class<?>> seen) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            java.lang.reflect.Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == List.class) {
                walk(args[0], path + "[]", unreadable, seen);
            } else if (p.getRawType() == Map.class && args[0] == String.class) {
                walk(args[1], path + ".*", unreadable, seen);
            } else {
                unreadable.add(path + ": " + type.getTypeName());
            }
        } else if (type instanceof Class<?> c && c.isRecord()) {
            if (seen.add(c)) {
                for (java.lang.reflect.RecordComponent rc : c.getRecordComponents()) {
                    walk(rc.getGenericType(), path + "." + ConfigBinder.keyOf(rc), unreadable, seen);
                }
            }
        } else if (!List.of(String.class, Integer.class, Long.class, Double.class, Boolean.class, Duration.class,
                CheckConfig.class, Object.class).contains(type)) {
            unreadable.add(path + ": " + type.getTypeName());
        }
    }

    @Test
    void keysAreTheComponentsInSnakeCase() {
        assertThat(ConfigBinder.snakeCase("cpuSampleMs")).isEqualTo("cpu_sample_ms");
        assertThat(ConfigBinder.snakeCase("port")).isEqualTo("port");
        assertThat(ConfigBinder.snakeCase("maxAge")).isEqualTo("max_age");
    }
}
