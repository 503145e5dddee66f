package io.perfect21.p21mon.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.config.TracingConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP/HTTP export against a test receiver that decodes the protobuf request with the OpenTelemetry proto classes,
 * and the JSONL span file: same ids and parents in both.
 */
class TracingExportTest {
    @StartStop
    final MockWebServer otlp = new MockWebServer();

    @TempDir
    Path dir;

    final List<String> notices = new CopyOnWriteArrayList<>();

    private Tracing tracing(String fileOutput, int maxSpans, Map<String, String> env) {
        TracingConfig c = new TracingConfig("svc-test", null, otlp.url("/").toString(), null, 1.0, fileOutput, maxSpans, null);
        return Tracing.from(c, env, dir, notices::add);
    }

    private static List<Span> received(RecordedRequest r) throws Exception {
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/traces");
        assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/x-protobuf");
        ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(r.getBody().toByteArray());
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans rs : req.getResourceSpansList()) {
            assertThat(rs.getResource().getAttributesList()).anySatisfy(kv -> {
                assertThat(kv.getKey()).isEqualTo("service.name");
                assertThat(kv.getValue().getStringValue()).isEqualTo("svc-test");
            });
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                spans.addAll(ss.getSpansList());
            }
        }
        return spans;
    }

    private static String hex(com.google.protobuf.ByteString b) {
        return HexFormat.of().formatHex(b.toByteArray());
    }

    private static String attr(Span s, String key) {
        for (KeyValue kv : s.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                var v = kv.getValue();
                return v.hasIntValue() ? Long.toString(v.getIntValue()) : v.hasBoolValue() ? Boolean.toString(v.getBoolValue())
                        : v.getStringValue();
            }
        }
        return null;
    }

    @Test
    void spansReachTheOtlpReceiverAndTheFileWithTheirIdsAndParents() throws Exception {
        otlp.enqueue(new MockResponse.Builder().code(200).build());
        TraceContext remote = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=x");
        TraceContext rootCtx;
        TraceContext childCtx;
        TraceContext recorded;
        try (Tracing t = tracing("spans/traces.jsonl", 100, Map.of())) {
            assertThat(t.enabled()).isTrue();
            try (TraceSpan root = t.span("root-op", remote)) {
                root.tag("k", "v").tag("n", 42L);
                rootCtx = root.context();
                try (TraceSpan child = t.span("child-op")) {  // parent: the span open on this thread
                    child.error("boom");
                    childCtx = child.context();
                }
            }
            Instant start = Instant.parse("2026-11-26T10:00:00Z");
            recorded = t.record(SpanTree.of("tree", start, Duration.ofMillis(30), Map.of("checks", 2L), null, List.of(
                    SpanTree.leaf("leaf-a", start, Duration.ofMillis(10), Map.of(), null),
                    SpanTree.leaf("leaf-b", start, Duration.ofMillis(20), Map.of(), "bad"))), null);
        }
        assertThat(rootCtx.traceId()).isEqualTo(remote.traceId());
        assertThat(rootCtx.traceState()).isEqualTo("vendor=x");
        assertThat(childCtx.traceId()).isEqualTo(remote.traceId());

        List<Span> spans = received(otlp.takeRequest(10, TimeUnit.SECONDS));
        assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder("root-op", "child-op", "tree", "leaf-a", "leaf-b");
        Span root = spans.stream().filter(s -> s.getName().equals("root-op")).findFirst().orElseThrow();
        Span child = spans.stream().filter(s -> s.getName().equals("child-op")).findFirst().orElseThrow();
        assertThat(hex(root.getTraceId())).isEqualTo(remote.traceId());
        assertThat(hex(root.getParentSpanId())).isEqualTo(remote.spanId());
        assertThat(hex(root.getSpanId())).isEqualTo(rootCtx.spanId());
        assertThat(attr(root, "k")).isEqualTo("v");
        assertThat(attr(root, "n")).isEqualTo("42");
        assertThat(hex(child.getParentSpanId())).isEqualTo(rootCtx.spanId());
        assertThat(child.getStatus().getCode()).isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(child.getStatus().getMessage()).isEqualTo("boom");
        Span tree = spans.stream().filter(s -> s.getName().equals("tree")).findFirst().orElseThrow();
        assertThat(hex(tree.getSpanId())).isEqualTo(recorded.spanId());
        assertThat(tree.getEndTimeUnixNano() - tree.getStartTimeUnixNano()).isEqualTo(30_000_000L);
        assertThat(spans.stream().filter(s -> s.getName().startsWith("leaf-")))
                .allSatisfy(s -> assertThat(hex(s.getParentSpanId())).isEqualTo(recorded.spanId()));

        List<String> lines = Files.readAllLines(dir.resolve("spans/traces.jsonl"));
        assertThat(lines).hasSize(5);
        JsonNode rootLine = lines.stream().map(TracingExportTest::json).filter(n -> n.path("name").asText().equals("root-op"))
                .findFirst().orElseThrow();
        assertThat(rootLine.path("trace_id").asText()).isEqualTo(remote.traceId());
        assertThat(rootLine.path("span_id").asText()).isEqualTo(rootCtx.spanId());
        assertThat(rootLine.path("parent_id").asText()).isEqualTo(remote.spanId());
        assertThat(rootLine.path("service").asText()).isEqualTo("svc-test");
        assertThat(rootLine.path("attributes").path("n").asLong()).isEqualTo(42);
        JsonNode childLine = lines.stream().map(TracingExportTest::json).filter(n -> n.path("name").asText().equals("child-op"))
                .findFirst().orElseThrow();
        assertThat(childLine.path("parent_id").asText()).isEqualTo(rootCtx.spanId());
        assertThat(childLine.path("status").asText()).isEqualTo("ERROR");
        assertThat(childLine.path("status_message").asText()).isEqualTo("boom");
        assertThat(SpanFile.FIELDS).containsAll(() -> rootLine.fieldNames());
        assertThat(notices).isEmpty();
    }

    @Test
    void theSpanFileRotatesAtMaxSpans() throws Exception {
        TracingConfig c = new TracingConfig("svc", null, null, null, 1.0, "t.jsonl", 3, null);
        for (int round = 0; round < 3; round++) {
            try (Tracing t = Tracing.from(c, Map.of(), dir, notices::add)) {
                for (int i = 0; i < 2; i++) {
                    t.span("op" + round).close();
                }
            }
        }
        // 2 + 2 would pass 3: rotated before the second round and again before the third
        assertThat(Files.readAllLines(dir.resolve("t.jsonl"))).hasSize(2).allMatch(l -> l.contains("\"op2\""));
        assertThat(Files.readAllLines(dir.resolve("t.jsonl.1"))).hasSize(2).allMatch(l -> l.contains("\"op1\""));
        SpanFile.Read read = SpanFile.read(dir.resolve("t.jsonl"), false);
        assertThat(read.spans()).hasSize(4);
    }

    @Test
    void aReceiverThatIsDownIsANoticeNotAFailure() {
        TracingConfig c = new TracingConfig("svc", null, "http://127.0.0.1:" + closedPort() + "/v1/traces", null, 1.0,
                null, 10, null);
        try (Tracing t = Tracing.from(c, Map.of(), dir, notices::add)) {
            t.span("x").close();
        }
        assertThat(notices).singleElement().asString().startsWith("tracing: could not export 1 span(s) to http://127.0.0.1:");
    }

    @Test
    void otelSdkDisabledAndNoEndpointAreNoOps() {
        TracingConfig c = new TracingConfig("svc", null, otlp.url("/").toString(), null, 1.0, null, 10, null);
        assertThat(Tracing.from(c, Map.of("OTEL_SDK_DISABLED", "true"), dir, notices::add).enabled()).isFalse();
        Tracing none = Tracing.from(new TracingConfig(null, null, null, null, null, null, null, null), Map.of(), dir, notices::add);
        assertThat(none.enabled()).isFalse();
        try (TraceSpan s = none.span("x", TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null))) {
            assertThat(s.context().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(s.context().spanId()).isNotEqualTo("00f067aa0ba902b7");
            assertThat(s.context().sampled()).isTrue();
        }
        assertThat(otlp.getRequestCount()).isZero();
    }

    private List<JsonNode> fileSpans(String file) throws Exception {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readAllLines(p).stream().map(TracingExportTest::json).toList() : List.of();
    }

    @Test
    void underRatioZeroATraceWithAFailedSpanIsExportedWholeAndOthersAreDropped() throws Exception {
        TracingConfig c = new TracingConfig("svc", null, null, null, 0.0, "t.jsonl", 100, null);
        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        TraceContext failed;
        try (Tracing t = Tracing.from(c, Map.of(), dir, notices::add)) {
            t.span("quiet").close();
            t.record(SpanTree.of("health", start, Duration.ofMillis(30), Map.of(), null, List.of(
                    SpanTree.leaf("health.check ok", start, Duration.ofMillis(10), Map.of(), null))), null);
            failed = t.record(SpanTree.of("health", start, Duration.ofMillis(30), Map.of(), null, List.of(
                    SpanTree.leaf("health.check a", start, Duration.ofMillis(10), Map.of(), null),
                    SpanTree.leaf("health.check b", start, Duration.ofMillis(20), Map.of(), "disk full"))), null);
            assertThat(failed.sampled()).as("the ratio's decision is what children are told").isFalse();
        }
        List<JsonNode> spans = fileSpans("t.jsonl");
        assertThat(spans).extracting(n -> n.path("name").asText())
                .containsExactlyInAnyOrder("health", "health.check a", "health.check b");
        assertThat(spans).allSatisfy(n -> assertThat(n.path("trace_id").asText()).isEqualTo(failed.traceId()));
        JsonNode root = spans.stream().filter(n -> n.path("name").asText().equals("health")).findFirst().orElseThrow();
        assertThat(root.path("attributes").path("sampling.ratio").asDouble()).isZero();
        JsonNode child = spans.stream().filter(n -> n.path("name").asText().equals("health.check a")).findFirst().orElseThrow();
        assertThat(child.path("attributes").has("sampling.ratio")).as("only local roots say how they were sampled").isFalse();
    }

    @Test
    void aSampledIncomingParentIsFollowedAndAnUnsampledOneStillKeepsItsErrors() throws Exception {
        TracingConfig c = new TracingConfig("svc", null, null, null, 0.0, "t.jsonl", 100, null);
        try (Tracing t = Tracing.from(c, Map.of(), dir, notices::add)) {
            t.span("followed", TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null)).close();
            t.span("unsampled-ok", TraceContext.parse("00-11111111111111111111111111111111-00f067aa0ba902b7-00", null)).close();
            t.span("unsampled-failed", TraceContext.parse("00-22222222222222222222222222222222-00f067aa0ba902b7-00", null))
                    .error("boom").close();
        }
        assertThat(fileSpans("t.jsonl")).extracting(n -> n.path("name").asText())
                .containsExactlyInAnyOrder("followed", "unsampled-failed");
    }

    @Test
    void alwaysOffMeansOffEvenForErrors() throws Exception {
        TracingConfig c = new TracingConfig("svc", null, null, null, 0.0, "t.jsonl", 100, null);
        try (Tracing t = Tracing.from(c, Map.of("OTEL_TRACES_SAMPLER", "always_off"), dir, notices::add)) {
            t.span("failed").error("boom").close();
        }
        assertThat(fileSpans("t.jsonl")).isEmpty();
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
