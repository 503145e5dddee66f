package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code health} with tracing configured: a root span and one child per check, in the caller's trace. */
class HealthTracingTest {
    @TempDir
    Path dir;

    @Test
    void healthEmitsARootSpanWithOneChildPerCheck() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                tracing: {file_output: spans.jsonl, sampling_rate: 1, service_name: ops}
                health:
                  checks:
                    - {name: ok, type: command, command: 'echo fine'}
                    - {name: bad, type: command, command: 'echo down; exit 2'}
                """);
        Cli.Result r = Cli.in(dir).env("TRACEPARENT", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .run("health");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        List<JsonNode> spans = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("spans.jsonl"))) {
            spans.add(Json.mapper().readTree(line));
        }
        assertThat(spans).extracting(s -> s.path("name").asText())
                .containsExactlyInAnyOrder("health", "health.check ok", "health.check bad");
        JsonNode root = spans.stream().filter(s -> s.path("name").asText().equals("health")).findFirst().orElseThrow();
        assertThat(root.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(root.path("parent_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(root.path("service").asText()).isEqualTo("ops");
        assertThat(root.path("status").asText()).isEqualTo("ERROR");
        for (JsonNode s : spans) {
            if (s != root) {
                assertThat(s.path("parent_id").asText()).isEqualTo(root.path("span_id").asText());
                assertThat(s.path("status").asText()).isEqualTo(s.path("name").asText().endsWith("bad") ? "ERROR" : "UNSET");
            }
        }
    }

    @Test
    void alertsEvalEmitsARootSpanWithOneChildPerAlertAFiringOneInError() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                tracing: {file_output: spans.jsonl, sampling_rate: 1}
                health:
                  cpu_sample_ms: 0
                  checks:
                    - {name: bad, type: command, command: 'echo down; exit 2'}
                alerting:
                  rules: []
                """);
        Cli.Result r = Cli.in(dir).hostProbe(new io.perfect21.p21mon.health.FakeHost()).run("alerts", "eval", "-o", "json");
        assertThat(r.code()).as(r.toString()).isIn(0, 1);
        List<JsonNode> spans = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("spans.jsonl"))) {
            spans.add(Json.mapper().readTree(line));
        }
        JsonNode root = spans.stream().filter(s -> s.path("name").asText().equals("alerts.eval")).findFirst().orElseThrow();
        List<JsonNode> rules = spans.stream().filter(s -> s.path("name").asText().startsWith("alerts.rule ")).toList();
        int alerts = Json.mapper().readTree(r.out()).get("alerts").size();
        assertThat(alerts).isPositive();
        assertThat(rules).hasSize(alerts)
                .allSatisfy(s -> assertThat(s.path("parent_id").asText()).isEqualTo(root.path("span_id").asText()));
        assertThat(rules).extracting(s -> s.path("name").asText()).contains("alerts.rule HealthCheckFailing");
    }

    @Test
    void withoutTracingHealthWritesNoSpans() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "health: {checks: [{name: ok, type: command, command: 'echo fine'}]}\n");
        Cli.Result r = Cli.in(dir).run("health");
        assertThat(r.code()).as(r.toString()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("spans.jsonl");
        }
    }
}
