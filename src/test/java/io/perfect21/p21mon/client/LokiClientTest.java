package io.perfect21.p21mon.client;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.testing.Servers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loki's push and query_range API against MockWebServer speaking Loki's documented JSON. */
class LokiClientTest {
    @StartStop
    final MockWebServer loki = new MockWebServer();

    private static List<LokiClient.Stream> oneStream() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", "p21mon_audit");
        labels.put("host", "h\"1");
        List<LokiClient.Entry> values = new ArrayList<>();
        values.add(new LokiClient.Entry(1_700_000_000_000_000_001L, "{\"seq\":1,\"note\":\"ü\"}", labels));
        return List.of(new LokiClient.Stream(labels, values));
    }

    private void answer(int code, String body) {
        loki.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    @Test
    void aPushIsOneJsonRequestInLokisShape() throws Exception {
        answer(204, "");
        new LokiClient(loki.url("/").toString(), "audit.loki_url").push(oneStream());
        RecordedRequest req = loki.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/loki/api/v1/push");
        assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(req.getBody().utf8()).isEqualTo("{\"streams\":[{\"stream\":{\"job\":\"p21mon_audit\",\"host\":\"h\\\"1\"},"
                + "\"values\":[[\"1700000000000000001\",\"{\\\"seq\\\":1,\\\"note\\\":\\\"ü\\\"}\"]]}]}");
    }

    @Test
    void serverTroubleIsRetryableAndARefusalIsNot() {
        LokiClient c = new LokiClient(loki.url("/").toString(), "audit.loki_url");
        String at = "POST " + loki.url("/loki/api/v1/push");
        for (int code : new int[]{429, 500, 503}) {
            answer(code, "slow down\nsecond line");
            assertThatThrownBy(() -> c.push(oneStream())).isInstanceOfSatisfying(LokiClient.PushException.class,
                    e -> assertThat(e.retryable()).as("HTTP %d", code).isTrue())
                    .hasMessage(at + ": HTTP " + code + ": slow down");
        }
        answer(400, "entry for stream '{job=\"x\"}' has timestamp too old");
        assertThatThrownBy(() -> c.push(oneStream())).isInstanceOfSatisfying(LokiClient.PushException.class,
                e -> assertThat(e.retryable()).isFalse()).hasMessageContaining("HTTP 400: entry for stream");
    }

    @Test
    void aDownLokiIsRetryableAndNamesTheUrl() {
        String url = "http://127.0.0.1:" + Servers.freePort() + "/";
        assertThatThrownBy(() -> new LokiClient(url, "audit.loki_url").push(oneStream()))
                .isInstanceOfSatisfying(LokiClient.PushException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("POST " + url + "loki/api/v1/push: ");
    }

    @Test
    @Timeout(60) // a hang guard only: the outcome ("timed out", retryable) is what is tested
    void anUnansweringLokiTimesOutRetryably() {
        loki.enqueue(new MockResponse.Builder().code(204).headersDelay(30, TimeUnit.SECONDS).build());
        LokiClient c = new LokiClient(loki.url("/").toString(), "audit.loki_url", Duration.ofMillis(300));
        assertThatThrownBy(() -> c.push(oneStream())).isInstanceOfSatisfying(LokiClient.PushException.class,
                e -> assertThat(e.retryable()).isTrue()).hasMessage("POST " + loki.url("/loki/api/v1/push") + ": timed out");
    }

    @Test
    void aRangeQueryMergesTheStreamsInTimeOrderWithTheirLabels() throws Exception {
        answer(200, """
                {"status":"success","data":{"resultType":"streams","result":[
                  {"stream":{"job":"a"},"values":[["30","third"],["10","first"]]},
                  {"stream":{"job":"b"},"values":[["20","second"]]}],"stats":{}}}""");
        LokiClient c = new LokiClient(loki.url("/").toString(), "audit.loki_url");
        List<LokiClient.Entry> got = c.queryRange("{job=~\"a|b\"}", Instant.ofEpochSecond(1), Instant.ofEpochSecond(2), 100, true);
        assertThat(got).extracting(LokiClient.Entry::line).containsExactly("first", "second", "third");
        assertThat(got.get(1).labels()).containsExactly(Map.entry("job", "b"));
        RecordedRequest req = loki.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/loki/api/v1/query_range");
        assertThat(req.getUrl().queryParameter("query")).isEqualTo("{job=~\"a|b\"}");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo("1000000000");
        assertThat(req.getUrl().queryParameter("end")).isEqualTo("2000000000");
        assertThat(req.getUrl().queryParameter("limit")).isEqualTo("100");
        assertThat(req.getUrl().queryParameter("direction")).isEqualTo("forward");

        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{},\"values\":[[\"1\",\"x\"],[\"2\",\"y\"]]}]}}");
        assertThat(c.queryRange("{}", Instant.EPOCH, Instant.EPOCH, 1, false)).extracting(LokiClient.Entry::line)
                .containsExactly("y", "x");
    }

    @Test
    void aQueryAnswerThatIsNotLokisIsAnErrorWithoutTheQueryString() {
        LokiClient c = new LokiClient(loki.url("/").toString(), "audit.loki_url");
        String at = "GET " + loki.url("/loki/api/v1/query_range");
        answer(200, "{\"status\":\"error\"}");
        assertThatThrownBy(() -> c.queryRange("{token=\"s3cret\"}", Instant.EPOCH, Instant.EPOCH, 1, true))
                .isInstanceOf(P21monException.class).hasMessage(at + ": not a Loki query answer");
        answer(200, "{\"status\":\"success\",\"data\":{\"result\":[{\"stream\":{},\"values\":[[\"soon\",\"x\"]]}]}}");
        assertThatThrownBy(() -> c.queryRange("{}", Instant.EPOCH, Instant.EPOCH, 1, true))
                .hasMessage(at + ": a timestamp is not a number");
        answer(401, "no org id");
        assertThatThrownBy(() -> c.queryRange("{token=\"s3cret\"}", Instant.EPOCH, Instant.EPOCH, 1, true))
                .hasMessage(at + ": HTTP 401: no org id");
    }

    @Test
    void credentialsInTheUrlNeverReachAMessage() {
        String url = "http://loki-user:loki-s3cret@127.0.0.1:" + loki.getPort() + "/";
        answer(503, "down");
        assertThatThrownBy(() -> new LokiClient(url, "audit.loki_url").push(oneStream())).message()
                .isEqualTo("POST http://127.0.0.1:" + loki.getPort() + "/loki/api/v1/push: HTTP 503: down")
                .doesNotContain("loki-s3cret").doesNotContain("loki-user");
        assertThatThrownBy(() -> new LokiClient("not a url", "audit.loki_url"))
                .hasMessage("audit.loki_url: 'not a url' is not an http(s) URL");
    }
}
