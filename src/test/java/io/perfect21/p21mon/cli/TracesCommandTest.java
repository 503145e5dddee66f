package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code traces …} against MockWebServer serving Jaeger's documented /api/services and /api/traces JSON. */
class TracesCommandTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @StartStop
    final MockWebServer jaeger = new MockWebServer();

    @TempDir
    Path dir;

    private String url() {
        return jaeger.url("/").toString();
    }

    private static String fixture() throws Exception {
        try (var in = TracesCommandTest.class.getResourceAsStream("/tracing/jaeger-trace.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void answer(int code, String body) {
        jaeger.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
    }

    private Cli cli() {
        return Cli.in(dir).clock(Clock.fixed(Instant.parse("2025-11-26T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void servicesListsWhatJaegerKnowsAndSaysWhichApiAnswered() throws Exception {
        answer(200, "{\"data\":[\"payments\",\"frontend\"],\"total\":2,\"limit\":0,\"offset\":0,\"errors\":null}");
        Cli.Result r = cli().run("traces", "services", "--jaeger", url());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("frontend", "payments", "from jaeger " + url() + "api/services: 2 service(s)");
        assertThat(jaeger.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/services");
    }

    @Test
    void listSendsTheSearchAndSummarisesEachTrace() throws Exception {
        answer(200, fixture());
        Cli.Result r = cli().run("traces", "list", "--jaeger", url(), "--service", "frontend", "--operation", "GET /checkout",
                "--lookback", "2h", "--min-duration", "500ms", "--tag", "error=true", "--limit", "5", "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        RecordedRequest req = jaeger.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/traces");
        assertThat(req.getUrl().queryParameter("service")).isEqualTo("frontend");
        assertThat(req.getUrl().queryParameter("operation")).isEqualTo("GET /checkout");
        assertThat(req.getUrl().queryParameter("end")).isEqualTo("1764158400000000");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo("1764151200000000");
        assertThat(req.getUrl().queryParameter("minDuration")).isEqualTo("500000us");
        assertThat(req.getUrl().queryParameter("tags")).isEqualTo("{\"error\":\"true\"}");
        assertThat(req.getUrl().queryParameter("limit")).isEqualTo("5");
        JsonNode out = Json.mapper().readTree(r.out());
        assertThat(out.path("source").asText()).isEqualTo("jaeger " + url() + "api/traces");
        JsonNode t = out.path("traces").get(0);
        assertThat(t.path("trace_id").asText()).isEqualTo(TRACE_ID);
        assertThat(t.path("root_service").asText()).isEqualTo("frontend");
        assertThat(t.path("root_operation").asText()).isEqualTo("GET /checkout");
        assertThat(t.path("duration_ms").asDouble()).isEqualTo(100.0);
        assertThat(t.path("spans").asInt()).isEqualTo(4);
        assertThat(t.path("errors").asInt()).isEqualTo(1);
        assertThat(t.path("services")).extracting(JsonNode::asText).containsExactly("frontend", "notifier", "payments");
    }

    @Test
    void showDrawsAWaterfallAcrossProcessesWithOrphansAndErrorsMarked() throws Exception {
        answer(200, fixture());
        Cli.Result r = cli().run("traces", "show", TRACE_ID, "--jaeger", url());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(jaeger.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/traces/" + TRACE_ID);
        String bar40 = "█".repeat(40);
        assertThat(r.out()).isEqualTo("""
                trace 4bf92f3577b34da6a3ce929d0e0e4736  2025-11-26T10:00:00Z  100ms  4 span(s), services: frontend, payments, notifier
                frontend: GET /checkout |%s|      100ms  +0.00ms
                  ! payments: charge    |        ████████████████████            |       50ms  +20ms  error
                    payments: SELECT    |            ████                        |       10ms  +30ms
                notifier: late-callback |                                ████████|       20ms  +80ms  (parent 00000000000000ff not in trace)
                from jaeger %sapi/traces/4bf92f3577b34da6a3ce929d0e0e4736
                """.formatted(bar40, url()));
    }

    @Test
    void summaryFromJaegerGivesCountsErrorRatesAndPercentiles() throws Exception {
        answer(200, fixture());
        Cli.Result r = cli().run("traces", "summary", "--jaeger", url(), "--service", "frontend", "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = Json.mapper().readTree(r.out());
        assertThat(out.path("spans").asInt()).isEqualTo(4);
        assertThat(out.path("traces").asInt()).isEqualTo(1);
        JsonNode charge = null;
        for (JsonNode o : out.path("operations")) {
            if (o.path("operation").asText().equals("charge")) {
                charge = o;
            }
        }
        assertThat(charge).isNotNull();
        assertThat(charge.path("service").asText()).isEqualTo("payments");
        assertThat(charge.path("error_rate").asDouble()).as(r.out()).isEqualTo(1.0);
        assertThat(charge.path("p99_ms").asDouble()).isEqualTo(50.0);
    }

    @Test
    void summaryFromTheSpanFileSkipsCorruptLinesAndSaysSo() throws Exception {
        String line = "{\"trace_id\":\"%s\",\"span_id\":\"%s\",\"parent_id\":null,\"name\":\"%s\",\"service\":\"svc\","
                + "\"kind\":\"INTERNAL\",\"start\":\"2026-11-26T10:00:00Z\",\"duration_ms\":%s,\"status\":\"%s\","
                + "\"attributes\":{},\"events\":[]}";
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            file.append(line.formatted(TRACE_ID, "%016x".formatted(i), "op", i, i % 10 == 0 ? "ERROR" : "OK")).append('\n');
        }
        file.append("{not json\n");
        Files.writeString(dir.resolve("spans.jsonl"), file);
        Cli.Result r = cli().run("traces", "summary", "--file", "spans.jsonl");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("svc      op         100    10      10.0%       50ms  95ms  99ms  100ms")
                .contains("100 span(s) in 1 trace(s), 1 line(s) skipped");
        assertThat(r.err()).contains("spans.jsonl:101: not a span line: {not json");
    }

    @Test
    void badInputGivesClearMessagesAndExitCodes() throws Exception {
        answer(404, "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}");
        Cli.Result r = cli().run("traces", "show", "abc123", "--jaeger", url());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("trace abc123 not found in Jaeger at " + url().replaceAll("/$", ""));

        answer(200, "<html>not jaeger</html>");
        r = cli().run("traces", "services", "--jaeger", url());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("not Jaeger query API JSON");

        answer(500, "{\"data\":null,\"errors\":[{\"code\":500,\"msg\":\"storage down\"}]}");
        r = cli().run("traces", "list", "--service", "x", "--jaeger", url());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Jaeger: storage down");

        r = cli().run("traces", "services", "--jaeger", "http://127.0.0.1:" + io.perfect21.p21mon.testing.Servers.freePort());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("GET http://127.0.0.1:");

        r = cli().run("traces", "show", "not-an-id");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a trace id");

        r = cli().run("traces", "summary");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no span file");

        r = cli().run("traces", "summary", "--file", "missing.jsonl");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(": No such file or directory (no span file");
    }
}
