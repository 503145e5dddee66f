package io.perfect21.p21mon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jaeger v2 on the native runtime: the {@code native/jaeger-v2.yml} that {@code stack config} writes (OTLP on
 * stack.ports.otlp_*, jaeger_query on stack.ports.jaeger, memory storage), and which {@code jaeger} counts as v2.
 */
class StackJaegerV2Test {
    @TempDir
    Path dir;

    @Test
    void theV2ConfigReceivesOtlpOnTheStackPortsAndQueriesMemoryStorage() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "stack: {ports: {jaeger: 26686, otlp_grpc: 24317, otlp_http: 24318}}\n");
        Cli.Result r = Cli.in(dir).run("stack", "config");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode cfg = Json.yaml().readTree(dir.resolve("monitoring/native/jaeger-v2.yml").toFile());
        assertThat(cfg.at("/receivers/otlp/protocols/grpc/endpoint").asText()).isEqualTo("127.0.0.1:24317");
        assertThat(cfg.at("/receivers/otlp/protocols/http/endpoint").asText()).isEqualTo("127.0.0.1:24318");
        assertThat(cfg.at("/extensions/jaeger_query/http/endpoint").asText()).isEqualTo("127.0.0.1:26686");
        // no fixed port but the stack's: the query gRPC API on a free one, no telemetry server on 8888
        assertThat(cfg.at("/extensions/jaeger_query/grpc/endpoint").asText()).isEqualTo("127.0.0.1:0");
        assertThat(cfg.at("/service/telemetry/metrics/level").asText()).isEqualTo("none");
        String storage = cfg.at("/extensions/jaeger_query/storage/traces").asText();
        assertThat(cfg.at("/extensions/jaeger_storage/backends/" + storage + "/memory/max_traces").asInt()).isPositive();
        assertThat(cfg.at("/exporters/jaeger_storage_exporter/trace_storage").asText()).isEqualTo(storage);
        List<String> extensions = new ArrayList<>();
        cfg.at("/service/extensions").forEach(e -> extensions.add(e.asText()));
        assertThat(extensions).containsExactlyInAnyOrder("jaeger_storage", "jaeger_query");
        JsonNode traces = cfg.at("/service/pipelines/traces");
        assertThat(traces.path("receivers").toString()).isEqualTo("[\"otlp\"]");
        assertThat(traces.path("exporters").toString()).isEqualTo("[\"jaeger_storage_exporter\"]");
        traces.path("processors").forEach(p -> assertThat(cfg.path("processors").has(p.asText())).as(p.asText()).isTrue());

        Path other = Files.createDirectories(dir.resolve("trimmed"));
        Cli.Result trimmed = Cli.in(other).run("stack", "config", "--without", "traces");
        assertThat(trimmed.code()).as(trimmed.toString()).isZero();
        assertThat(other.resolve("monitoring/native/prometheus.yml")).exists();
        assertThat(other.resolve("monitoring/native/jaeger-v2.yml")).doesNotExist();
    }

    @Test
    void aJaegerIsV2WhenItIsNamedJaegerAndItsVersionSaysTwo() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin");
        assertThat(Binaries.isJaegerV2(script(bin, "jaeger", "echo 'jaeger version v2.5.0'"), env)).isTrue();
        assertThat(Binaries.isJaegerV2(script(bin, "jaeger", "echo 'jaeger version 1.62.0 (go1.22.5)'"), env)).isFalse();
        assertThat(Binaries.isJaegerV2(script(bin, "jaeger", "exit 1"), env)).isFalse();
        assertThat(Binaries.isJaegerV2(script(bin, "jaeger-all-in-one", "echo 'v2.5.0'"), env))
                .as("jaeger-all-in-one is Jaeger v1's name").isFalse();
    }

    private static Path script(Path bin, String name, String body) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        f.toFile().setExecutable(true);
        return f;
    }
}
