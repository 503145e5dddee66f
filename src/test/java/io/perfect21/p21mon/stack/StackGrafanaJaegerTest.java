package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Servers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana and Jaeger (not installed here) faked by MockWebServer with their real API answers: status probe, datasource
 * health, the test span (OTLP/HTTP JSON in, Jaeger query API out).
 */
class StackGrafanaJaegerTest {
    @TempDir
    Path dir;
    MockWebServer grafana;

    @BeforeEach
    void start() throws Exception {
        grafana = new MockWebServer();
        grafana.start(0);
    }

    @AfterEach
    void stop() {
        grafana.close();
    }

    private void answer(int code, String body) {
        grafana.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
    }

    @Test
    void verifyChecksEveryDatasourcesHealthWithTheAdminPassword() throws Exception {
        answer(200, """
                [{"id":1,"uid":"prometheus","name":"Prometheus","type":"prometheus"},
                 {"id":2,"uid":"loki","name":"Loki","type":"loki"}]""");
        answer(200, "{\"status\":\"OK\",\"message\":\"Successfully queried the Prometheus API.\"}");
        answer(400, "{\"status\":\"ERROR\",\"message\":\"Unable to connect with Loki\"}");
        List<StackVerifyReport.Check> checks = new StackVerifier(P21monConfig.defaults())
                .grafana(grafana.url("/").toString().replaceAll("/$", ""), "s3cret");
        assertThat(checks).extracting(StackVerifyReport.Check::check)
                .containsExactly("grafana datasource Prometheus healthy", "grafana datasource Loki healthy");
        assertThat(checks).extracting(StackVerifyReport.Check::ok).containsExactly(true, false);
        RecordedRequest list = grafana.takeRequest(5, TimeUnit.SECONDS);
        assertThat(list.getUrl().encodedPath()).isEqualTo("/api/datasources");
        assertThat(list.getHeaders().get("Authorization")).isEqualTo(Credentials.basic("admin", "s3cret"));
        assertThat(grafana.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/datasources/uid/prometheus/health");
        assertThat(grafana.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/datasources/uid/loki/health");
    }

    @Test
    void statusProbesGrafanasApiHealthAndFailsWhileACoreServiceIsDown() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                stack:
                  with: []
                  ports: {grafana: %d, prometheus: %d, alertmanager: %d, pushgateway: %d, node_exporter: %d, p21mon: %d}
                """.formatted(grafana.getPort(), Servers.freePort(), Servers.freePort(), Servers.freePort(),
                Servers.freePort(), Servers.freePort()));
        assertThat(Cli.in(dir).run("stack", "config").code()).isZero();
        Files.createDirectories(dir.resolve("monitoring/.run"));
        Files.writeString(dir.resolve("monitoring/.run/runtime"), "native\n");
        // the fake Grafana is this JVM's: a pid file naming it makes it the stack's own (else it would be foreign)
        ProcessHandle me = ProcessHandle.current();
        Files.writeString(dir.resolve("monitoring/.run/grafana.pid"), """
                {"service":"grafana","pid":%d,"started_at":"%s","port":%d,"command":["grafana-server"]}
                """.formatted(me.pid(), me.info().startInstant().orElseThrow(), grafana.getPort()));
        answer(200, "{\"commit\":\"abc\",\"database\":\"ok\",\"version\":\"11.5.2\"}");
        Cli.Result r = Cli.in(dir).run("stack", "status");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("grafana\\s+ready").containsPattern("prometheus\\s+not ready")
                .contains("runtime: native, NOT all ready");
        assertThat(grafana.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/health");
    }

    @Test
    void theTestSpanIsSentOverOtlpAndLookedUpInJaegersQueryApi() throws Exception {
        grafana.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        grafana.enqueue(new MockResponse.Builder().code(404).body("{\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}").build());
        grafana.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[{\"traceID\":\"x\",\"spans\":[]}]}").build());
        String base = grafana.url("/").toString().replaceAll("/$", "");
        StackVerifyReport.Check c = new StackVerifier(P21monConfig.defaults())
                .testSpan(base, base, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        assertThat(c.ok()).as(c.toString()).isTrue();
        RecordedRequest otlp = grafana.takeRequest(5, TimeUnit.SECONDS);
        assertThat(otlp.getUrl().encodedPath()).isEqualTo("/v1/traces");
        String body = otlp.getBody().utf8();
        assertThat(body).contains("\"resourceSpans\"", "\"service.name\"", "p21mon-stack-verify");
        String traceId = body.replaceAll("(?s).*\"traceId\"\\s*:\\s*\"([0-9a-f]{32})\".*", "$1");
        assertThat(traceId).hasSize(32);
        assertThat(grafana.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/traces/" + traceId);
        assertThat(c.detail()).contains(traceId);
    }
}
