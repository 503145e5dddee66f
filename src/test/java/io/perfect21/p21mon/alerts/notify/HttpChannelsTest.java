package io.perfect21.p21mon.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.alerts.Alert;
import io.perfect21.p21mon.alerts.Notification;
import io.perfect21.p21mon.alerts.Notifier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Slack and the generic webhook against MockWebServer: the documented payload shapes, and secret-free errors. */
class HttpChannelsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    static Notification notification(int alerts) {
        List<Alert> list = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            list.add(new Alert(Notifier.labels("alertname", "HighCPUUsage", "severity", "critical", "instance", "web" + i),
                    Notifier.labels("summary", "CPU > 90% on web" + i, "runbook_url", "https://wiki/cpu"),
                    "firing", Instant.parse("2026-11-26T10:00:00Z"), null, null));
        }
        return new Notification("p21mon-health", "{}:{alertname=\"HighCPUUsage\"}", Map.of("alertname", "HighCPUUsage"),
                list, null);
    }

    JsonNode take() throws Exception {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        return Json.mapper().readTree(r.getBody().utf8());
    }

    @Test
    void slackGetsBlockKitWithATextFallback() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        new SlackChannel("ops", server.url("/services/T0/B0/secret").toString(), "#ops", Duration.ofSeconds(2))
                .send(notification(1));
        JsonNode body = take();
        assertThat(body.fieldNames()).toIterable().containsExactly("text", "channel", "blocks");
        assertThat(body.get("text").asText()).startsWith("[FIRING:1] HighCPUUsage").contains("CPU > 90% on web0");
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).at("/text/text").asText()).contains("CPU &gt; 90% on web0", "`instance=web0`",
                "<https://wiki/cpu|Runbook>");
        assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
    }

    @Test
    void slackKeepsToItsLimits() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        new SlackChannel("ops", server.url("/x").toString(), null, Duration.ofSeconds(2)).send(notification(60));
        JsonNode body = take();
        assertThat(body.has("channel")).isFalse();
        assertThat(body.get("blocks")).hasSize(1 + SlackChannel.MAX_ALERTS + 1);
        assertThat(body.get("blocks").get(SlackChannel.MAX_ALERTS + 1).toString()).contains("and 40 more alerts");
        assertThat(body.get("text").asText().length()).isLessThanOrEqualTo(3000);
    }

    @Test
    void slackErrorsNameTheHostNotTheSecretPath() {
        server.enqueue(new MockResponse.Builder().code(404).body("channel_not_found").build());
        assertThatThrownBy(() -> new SlackChannel("ops", server.url("/services/T0/B0/secret").toString(), null,
                Duration.ofSeconds(2)).send(notification(1)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("HTTP 404: channel_not_found").hasMessageNotContaining("secret");
    }

    @Test
    void webhookGetsAlertmanagersPayloadVersion4() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        Notification n = notification(2);
        new WebhookChannel("hook", server.url("/hook").toString(), Duration.ofSeconds(2)).send(n);
        JsonNode body = take();
        assertThat(body.fieldNames()).toIterable().containsExactly("version", "groupKey", "truncatedAlerts", "status",
                "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts");
        assertThat(body.get("commonLabels").toString()).contains("\"severity\":\"critical\"").doesNotContain("instance");
        assertThat(body.get("commonAnnotations").toString()).contains("runbook_url").doesNotContain("summary");
        assertThat(body.get("alerts")).hasSize(2);
        assertThat(body.get("alerts").get(0).get("fingerprint").asText()).isEqualTo(n.alerts().get(0).fingerprint());
    }

    @Test
    void aTimeoutIsRetryableAndSaysSo() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build());
        assertThatThrownBy(() -> new WebhookChannel("hook", server.url("/hook/tok").toString(), Duration.ofMillis(300))
                .send(notification(1)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("timed out").hasMessageNotContaining("tok");
    }
}
