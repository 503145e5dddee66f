package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metrics push} on the Pushgateway's wire format. */
class MetricsPushCommandTest {
    @TempDir
    Path dir;
    MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postsTheTextExpositionToTheGroupPath() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        Cli.Result r = Cli.in(dir).run("metrics", "push", "--gateway", server.url("/").toString(), "--job", "backup",
                "--label", "instance=db1", "--label", "path=/var/lib", "backup_size_bytes=1.5e9", "files_total=42");
        assertThat(r.code()).as(r.toString()).isZero();
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/metrics/job/backup/instance/db1/path@base64/L3Zhci9saWI=");
        assertThat(req.getHeaders().get("Content-Type")).startsWith("text/plain; version=0.0.4");
        String body = req.getBody().string(StandardCharsets.UTF_8);
        assertThat(body).contains("# TYPE backup_size_bytes gauge\nbackup_size_bytes 1.5E9\n",
                "# TYPE files_total counter\nfiles_total 42.0\n");
        assertThat(r.out()).contains("POST", "/metrics/job/backup");
    }

    @Test
    void withoutGatewayItPushesToMetricsPushgatewayUrl() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        java.nio.file.Files.writeString(dir.resolve("p21mon.yaml"),
                "metrics:\n  pushgateway_url: " + server.url("/from-config").toString() + "\n");
        Cli.Result r = Cli.in(dir).run("metrics", "push", "--job", "j", "x=1");
        assertThat(r.code()).as(r.toString()).isZero();
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req).isNotNull();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/from-config/metrics/job/j");
    }

    @Test
    void replaceUsesPutAndAnEmptyValueIsBase64() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        Cli.Result r = Cli.in(dir).run("metrics", "push", "--gateway", server.url("/pg").toString(), "--job", "j",
                "--label", "empty=", "--replace", "x=1");
        assertThat(r.code()).as(r.toString()).isZero();
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("PUT");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/pg/metrics/job/j/empty@base64/=");
    }

    @Test
    void aRefusedPushIsAFailureWithTheServersText() {
        server.enqueue(new MockResponse.Builder().code(400)
                .body("pushed metrics are invalid or inconsistent with existing metrics: collected metric x").build());
        Cli.Result r = Cli.in(dir).run("metrics", "push", "--gateway", server.url("/").toString(), "--job", "j", "x=1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("POST " + server.url("/metrics/job/j"), "HTTP 400", "inconsistent");
    }

    @Test
    void badValuesAreUsageErrors() {
        String gw = server.url("/").toString();
        assertThat(Cli.in(dir).run("metrics", "push", "--gateway", gw, "--job", "j", "x").err()).contains("NAME=VALUE");
        Cli.Result r = Cli.in(dir).run("metrics", "push", "--gateway", gw, "--job", "j", "x=abc");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'abc' is not a number");
        assertThat(Cli.in(dir).run("metrics", "push", "--gateway", gw, "--job", "j", "9x=1").err()).contains("metric name");
        assertThat(Cli.in(dir).run("metrics", "push", "--gateway", gw, "--job", "j", "c_total=-1").err()).contains("counter");
        assertThat(Cli.in(dir).run("metrics", "push", "--gateway", gw, "--job", "j").err()).contains("nothing to push");
        assertThat(server.getRequestCount()).isZero();
    }
}
