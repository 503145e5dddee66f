package io.perfect21.p21mon.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code health --notify} from several real p21mon processes started at once (overlapping cron runs) against a
 * webhook: one notification per state change, none doubled, and the resolved notice on recovery.
 */
class HealthNotifyIT {
    @StartStop
    final MockWebServer webhook = new MockWebServer();
    @TempDir
    Path dir;

    List<Integer> runConcurrently(int n, String checkCommand) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "health:\n  checks:\n"
                + "    - {name: svc, type: command, command: '" + checkCommand + "'}\n"
                + "alerting:\n  repeat_interval: 1h\n  notification_timeout: 5s\n"
                + "  webhook: {url: '" + webhook.url("/hook") + "'}\n");
        Path jar = Path.of("target", "p21mon.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "health", "-q", "--notify",
                    "--state-dir", dir.resolve("state").toString(), "-o", "nagios")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out" + i + ".log").toFile());
            pb.environment().put("HOME", dir.toString());
            ps.add(pb.start());
        }
        List<Integer> codes = new ArrayList<>();
        for (Process p : ps) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            codes.add(p.exitValue());
        }
        return codes;
    }

    JsonNode take() throws Exception {
        RecordedRequest r = webhook.takeRequest(1, TimeUnit.SECONDS);
        return r == null ? null : Json.mapper().readTree(r.getBody().utf8());
    }

    @Test
    void overlappingRunsNotifyOnceAndResolveOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            webhook.enqueue(new MockResponse.Builder().code(200).headersDelay(200, TimeUnit.MILLISECONDS).build());
        }
        assertThat(runConcurrently(3, "echo down; exit 2")).containsOnly(2);
        JsonNode firing = take();
        assertThat(firing).isNotNull();
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        assertThat(firing.get("alerts").get(0).get("labels").get("check").asText()).isEqualTo("svc");
        assertThat(take()).as("no second notification for the same change").isNull();

        assertThat(runConcurrently(2, "echo down; exit 2")).containsOnly(2);
        assertThat(take()).as("repeat suppressed within repeat_interval").isNull();

        assertThat(runConcurrently(3, "echo fine; exit 0")).containsOnly(0);
        JsonNode resolved = take();
        assertThat(resolved).isNotNull();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alerts").get(0).get("fingerprint").asText())
                .isEqualTo(firing.get("alerts").get(0).get("fingerprint").asText());
        assertThat(take()).isNull();
        assertThat(webhook.getRequestCount()).isEqualTo(2);
    }
}
