package io.perfect21.p21mon.client;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.testing.Servers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Pushgateway client's wire format and errors against MockWebServer (the real Pushgateway's acceptance of it is
 * covered by the metrics push integration tests).
 */
class PushgatewayClientTest {
    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private static final byte[] EXPOSITION = "# TYPE jobs_done_total counter\njobs_done_total 3\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPushPutsTheExpositionOnTheGroupPathWithAwkwardValuesInBase64() throws Exception {
        gateway.enqueue(new MockResponse.Builder().code(200).build());
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put("instance", "web-1");
        grouping.put("path", "/var/www");
        grouping.put("empty", "");
        String shown = new PushgatewayClient(gateway.url("/gw/").toString(), Duration.ofSeconds(5))
                .push("nightly backup", grouping, EXPOSITION, true);
        RecordedRequest req = gateway.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("PUT");
        assertThat(req.getUrl().encodedPath())
                .isEqualTo("/gw/metrics/job/nightly%20backup/instance/web-1/path@base64/L3Zhci93d3c=/empty@base64/=");
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(req.getBody().utf8()).isEqualTo(new String(EXPOSITION, StandardCharsets.UTF_8));
        assertThat(shown).isEqualTo(gateway.url("/gw/metrics/job/nightly%20backup/instance/web-1/path@base64/L3Zhci93d3c=/empty@base64/=").toString());

        gateway.enqueue(new MockResponse.Builder().code(202).build());
        new PushgatewayClient(gateway.url("/").toString(), Duration.ofSeconds(5)).push("j", Map.of(), EXPOSITION, false);
        RecordedRequest post = gateway.takeRequest(5, TimeUnit.SECONDS);
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(post.getUrl().encodedPath()).isEqualTo("/metrics/job/j");
    }

    @Test
    void aRejectedPushNamesMethodUrlStatusAndTheGatewaysReason() {
        gateway.enqueue(new MockResponse.Builder().code(400)
                .body("pushed metrics are invalid or inconsistent with existing metrics: collected metric ...\nmore").build());
        assertThatThrownBy(() -> new PushgatewayClient(gateway.url("/").toString(), Duration.ofSeconds(5))
                .push("j", Map.of(), EXPOSITION, true)).isInstanceOf(P21monException.class)
                .hasMessage("PUT " + gateway.url("/metrics/job/j") + ": HTTP 400: pushed metrics are invalid or "
                        + "inconsistent with existing metrics: collected metric ...");
    }

    @Test
    @Timeout(60) // a hang guard only: the outcome ("timed out") is what is tested
    void aGatewayThatDoesNotAnswerTimesOut() {
        gateway.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).build());
        assertThatThrownBy(() -> new PushgatewayClient(gateway.url("/").toString(), Duration.ofMillis(300))
                .push("j", Map.of(), EXPOSITION, false)).hasMessage("POST " + gateway.url("/metrics/job/j") + ": timed out");
    }

    @Test
    void credentialsNeverReachAMessage() {
        gateway.enqueue(new MockResponse.Builder().code(401).body("unauthorized").build());
        String url = "http://pusher:gw-s3cret@127.0.0.1:" + gateway.getPort() + "/";
        assertThatThrownBy(() -> new PushgatewayClient(url, Duration.ofSeconds(5)).push("j", Map.of(), EXPOSITION, true))
                .message().isEqualTo("PUT http://127.0.0.1:" + gateway.getPort() + "/metrics/job/j: HTTP 401: unauthorized")
                .doesNotContain("gw-s3cret").doesNotContain("pusher");
        String refused = "http://pusher:gw-s3cret@127.0.0.1:" + Servers.freePort() + "/";
        assertThatThrownBy(() -> new PushgatewayClient(refused, Duration.ofSeconds(5)).push("j", Map.of(), EXPOSITION, true))
                .isInstanceOf(P21monException.class).message().startsWith("PUT http://127.0.0.1:")
                .doesNotContain("gw-s3cret").doesNotContain("pusher");
    }
}
