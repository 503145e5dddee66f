package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.FakeClock;
import io.perfect21.p21mon.health.FakeHost;
import io.perfect21.p21mon.testing.Cli;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alerts eval} over a sequence of cron runs with a fake clock and a fake host, notifying a webhook. */
class AlertsEvalCommandTest {
    @StartStop
    final MockWebServer webhook = new MockWebServer();
    @TempDir
    Path dir;
    final FakeHost host = new FakeHost();
    final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:00:00Z"));

    @BeforeEach
    void config() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                health:
                  cpu_sample_ms: 0
                  checks:
                    - {name: svc, type: command, command: ["echo", "OK"]}
                alerting:
                  notification_timeout: 5s
                  webhook: {url: '%s'}
                """.formatted(webhook.url("/hook")));
    }

    Cli.Result eval() {
        return Cli.in(dir).clock(clock).hostProbe(host).run("alerts", "eval", "-o", "json");
    }

    static JsonNode alert(Cli.Result r, String name) throws Exception {
        for (JsonNode a : Json.mapper().readTree(r.out()).get("alerts")) {
            if (a.get("alert").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError(name + " not in " + r.out());
    }

    JsonNode take() throws Exception {
        RecordedRequest r = webhook.takeRequest(200, TimeUnit.MILLISECONDS);
        return r == null ? null : Json.mapper().readTree(r.getBody().utf8());
    }

    @Test
    void pendingThenFiringAfterForThenResolvedEachNotifiedOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            webhook.enqueue(new MockResponse.Builder().code(200).build());
        }
        Cli.Result r = eval();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(alert(r, "HighCPUUsage").get("state").asText()).isEqualTo("inactive");

        host.cpuPercent = 95;
        for (int minute = 0; minute < 5; minute++) {
            r = eval();
            assertThat(r.code()).as("minute " + minute + ": " + r).isZero();
            assertThat(alert(r, "HighCPUUsage").get("state").asText()).isEqualTo("pending");
            assertThat(alert(r, "HighCPUUsage").get("active_since").asText()).isEqualTo("2026-11-26T10:00:00Z");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(take()).as("nothing is sent while pending").isNull();

        r = eval(); // 5 minutes after the condition first held: for: 5m is over
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        JsonNode cpu = alert(r, "HighCPUUsage");
        assertThat(cpu.get("state").asText()).isEqualTo("firing");
        assertThat(cpu.get("value").asDouble()).isEqualTo(95.0);
        assertThat(cpu.get("threshold").asDouble()).isEqualTo(90.0);
        assertThat(cpu.get("for").asText()).isEqualTo("5m");
        JsonNode firing = take();
        assertThat(firing).isNotNull();
        assertThat(firing.get("version").asText()).isEqualTo("4");
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        JsonNode a = firing.get("alerts").get(0);
        assertThat(a.get("labels").get("alertname").asText()).isEqualTo("HighCPUUsage");
        assertThat(a.get("labels").get("severity").asText()).isEqualTo("warning");
        assertThat(a.get("labels").get("instance").asText()).isEqualTo("fakehost");
        assertThat(a.get("annotations").get("description").asText()).startsWith("CPU usage is 95.0% and has stayed above 90%");
        assertThat(a.get("annotations").get("runbook_url").asText()).endsWith("#highcpuusage");

        clock.advance(Duration.ofMinutes(1));
        assertThat(eval().code()).isEqualTo(1);
        assertThat(take()).as("still firing: not sent again within repeat_interval").isNull();

        host.cpuPercent = 20;
        clock.advance(Duration.ofMinutes(1));
        r = eval();
        assertThat(r.code()).isZero();
        assertThat(alert(r, "HighCPUUsage").get("state").asText()).isEqualTo("inactive");
        JsonNode resolved = take();
        assertThat(resolved).isNotNull();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alerts").get(0).get("fingerprint").asText()).isEqualTo(a.get("fingerprint").asText());

        clock.advance(Duration.ofMinutes(1));
        assertThat(eval().code()).isZero();
        assertThat(take()).as("resolved once").isNull();
    }

    @Test
    void aConditionThatStopsHoldingBeforeForNeverFires() throws Exception {
        host.memAvailable = host.memTotal / 20; // 95% used
        assertThat(alert(eval(), "HighMemoryUsage").get("state").asText()).isEqualTo("pending");
        clock.advance(Duration.ofMinutes(3));
        host.memAvailable = host.memTotal / 2;
        assertThat(alert(eval(), "HighMemoryUsage").get("state").asText()).isEqualTo("inactive");
        host.memAvailable = host.memTotal / 20;
        clock.advance(Duration.ofMinutes(3));
        Cli.Result r = eval();
        assertThat(alert(r, "HighMemoryUsage").get("state").asText()).as("pending afresh").isEqualTo("pending");
        assertThat(alert(r, "HighMemoryUsage").get("active_since").asText()).isEqualTo("2026-11-26T10:06:00Z");
        assertThat(take()).isNull();
    }

    @Test
    void diskAndHealthChecksAreAlertsOfTheirOwnAndTheTableShowsThem() throws Exception {
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        Files.writeString(dir.resolve("p21mon.yaml"), """
                health:
                  cpu_sample_ms: 0
                  checks:
                    - {name: svc, type: command, command: 'echo down; exit 2'}
                """);
        host.fileSystems.set(1, new io.perfect21.p21mon.host.FileSystemUsage("/data", "/dev/sdb1", "xfs",
                100, 5, 5, 10, 1));
        Cli.Result r = Cli.in(dir).clock(clock).hostProbe(host).run("alerts", "eval");
        assertThat(r.out()).contains("DiskSpaceLow").contains("mountpoint=/data").contains("pending")
                .contains("HealthCheckFailing").contains("check=svc").contains("fakehost: 0 firing, 2 pending");
        clock.advance(Duration.ofMinutes(5));
        r = Cli.in(dir).clock(clock).hostProbe(host).run("alerts", "eval", "-o", "json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(Json.mapper().readTree(r.out()).get("firing").asInt()).isEqualTo(2);
    }

    @Test
    void anAlertWhoseFileSystemIsGoneIsResolved() throws Exception {
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        host.fileSystems.set(1, new io.perfect21.p21mon.host.FileSystemUsage("/data", "/dev/sdb1", "xfs", 100, 5, 5, 10, 1));
        eval();
        clock.advance(Duration.ofMinutes(5));
        assertThat(eval().code()).isEqualTo(1);
        JsonNode firing = take();
        assertThat(firing.get("alerts").get(0).get("labels").get("mountpoint").asText()).isEqualTo("/data");
        host.fileSystems.remove(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(eval().code()).isZero();
        JsonNode resolved = take();
        assertThat(resolved).isNotNull();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alerts").get(0).get("labels").get("mountpoint").asText()).isEqualTo("/data");
    }

    @Test
    void aNotificationTheWebhookRefusesIsSpooledAndDeliveredOnceByTheNextRun() throws Exception {
        for (int i = 0; i < 3; i++) {
            webhook.enqueue(new MockResponse.Builder().code(503).build());
        }
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        host.load1 = 9; // 2.25 per CPU
        eval();
        clock.advance(Duration.ofMinutes(5));
        Cli.Result r = eval();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("spooled");
        assertThat(Json.mapper().readTree(r.out()).get("notifications").get("spooled").asInt()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(webhook.takeRequest(1, TimeUnit.SECONDS)).as("attempt " + i).isNotNull();
        }
        clock.advance(Duration.ofMinutes(1));
        r = eval();
        assertThat(Json.mapper().readTree(r.out()).get("notifications").get("resent").asInt()).isEqualTo(1);
        JsonNode delivered = take();
        assertThat(delivered.get("alerts").get(0).get("labels").get("alertname").asText()).isEqualTo("HighLoad");
        clock.advance(Duration.ofMinutes(1));
        eval();
        assertThat(take()).as("delivered exactly once").isNull();
    }
}
