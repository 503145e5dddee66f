package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.alerts.Notifier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack and webhook channels through the whole Notifier: a 500 then 200 is retried; a dead endpoint is spooled. */
class ChannelDeliveryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();
    @TempDir
    Path state;

    NotificationChannel channel(String type, String url) {
        return type.equals("slack") ? new SlackChannel("chat", url, null, Duration.ofSeconds(2))
                : new WebhookChannel("chat", url, Duration.ofSeconds(2));
    }

    Notifier notifier(NotificationChannel c) {
        return new Notifier(state, "fire", List.of(c), Duration.ofHours(1), Clock.systemUTC())
                .retries(3, Duration.ofMillis(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "webhook"})
    void aServerErrorThenSuccessIsRetriedAndSentOnce(String type) throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("rollup_error").build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Notifier.Outcome o = notifier(channel(type, server.url("/x").toString()))
                .deliver(List.of(HttpChannelsTest.notification(1)));
        assertThat(o.sent()).isEqualTo(1);
        assertThat(o.errors()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getBody().utf8()).isEqualTo(server.takeRequest().getBody().utf8());
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "webhook"})
    void aDeadEndpointIsSpooledAndTheNextRunDeliversItOnce(String type) throws Exception {
        int dead = io.perfect21.p21mon.testing.Servers.freePort();
        Notifier.Outcome failed = notifier(channel(type, "http://127.0.0.1:" + dead + "/x"))
                .deliver(List.of(HttpChannelsTest.notification(1)));
        assertThat(failed.spooled()).isEqualTo(1);
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        Notifier live = notifier(channel(type, server.url("/x").toString()));
        assertThat(live.flushSpool().resent()).isEqualTo(1);
        assertThat(live.flushSpool().resent()).isZero();
        assertThat(live.spooled()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(server.takeRequest().getBody().utf8()).contains("HighCPUUsage");
    }
}
