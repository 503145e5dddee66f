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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Prometheus HTTP API client against MockWebServer speaking the API's documented JSON. */
class PrometheusClientTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private PrometheusClient client(String path) {
        return new PrometheusClient(server.url(path).toString(), Duration.ofSeconds(10));
    }

    private void answer(int code, String contentType, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build());
    }

    @Test
    void anInstantQuerySendsThePromqlAndTimeAndReadsAVector() throws Exception {
        answer(200, "application/json", """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"node","instance":"a:9100"},"value":[1700000000.5,"1"]},
                  {"metric":{"__name__":"up","job":"app"},"value":[1700000000.5,"NaN"]}]},
                 "warnings":["partial answer"]}""");
        QueryResult r = client("/").query("up{job=~\"n.*\"}", Instant.ofEpochMilli(1_700_000_000_500L));
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/query");
        assertThat(req.getUrl().queryParameter("query")).isEqualTo("up{job=~\"n.*\"}");
        assertThat(req.getUrl().queryParameter("time")).isEqualTo("1700000000.5");
        assertThat(req.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.resultType()).isEqualTo("vector");
        assertThat(r.warnings()).containsExactly("partial answer");
        assertThat(r.series()).hasSize(2);
        assertThat(r.series().get(0).display()).isEqualTo("up{instance=\"a:9100\", job=\"node\"}");
        assertThat(r.series().get(0).points()).singleElement()
                .satisfies(p -> assertThat(p.timestamp()).isEqualTo(1_700_000_000.5))
                .satisfies(p -> assertThat(p.number()).isEqualTo(1.0));
        assertThat(r.series().get(1).points().get(0).number()).isNaN();
    }

    @Test
    void aRangeQueryUnderAPathPrefixReadsAMatrixAndAScalarIsOneSeries() throws Exception {
        answer(200, "application/json", """
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"job":"node"},"values":[[1700000000,"1"],[1700000060,"+Inf"]]}]}}""");
        QueryResult m = client("/prom/").queryRange("up", Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochSecond(1_700_000_060L), Duration.ofSeconds(60));
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/prom/api/v1/query_range");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo("1700000000");
        assertThat(req.getUrl().queryParameter("end")).isEqualTo("1700000060");
        assertThat(req.getUrl().queryParameter("step")).isEqualTo("60.0");
        assertThat(m.series()).singleElement().satisfies(s -> assertThat(s.points()).extracting(QueryResult.Point::number)
                .containsExactly(1.0, Double.POSITIVE_INFINITY));

        answer(200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"42\"]}}");
        QueryResult s = client("/").query("42", null);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("time")).isNull();
        assertThat(s.series()).singleElement().satisfies(x -> assertThat(x.points().get(0).number()).isEqualTo(42.0));
    }

    @Test
    void anApiErrorIsWordedAsTheServerWordsIt() {
        answer(400, "application/json", "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:4: parse error: unexpected end of input\"}");
        assertThatThrownBy(() -> client("/").query("up{", null))
                .isInstanceOf(P21monException.class)
                .hasMessage("GET " + server.url("/api/v1/query") + ": bad_data: 1:4: parse error: unexpected end of input");
    }

    @Test
    void anAnswerThatIsNotTheApiNamesTheUrlStatusAndContentType() {
        answer(200, "text/html", "<html>\n  login   required\n</html>");
        assertThatThrownBy(() -> client("/").query("up", null)).hasMessage("GET " + server.url("/api/v1/query")
                + ": the answer is not Prometheus API JSON (HTTP 200, text/html): <html> login required </html>");
        answer(502, "text/plain", "bad gateway\nupstream down");
        assertThatThrownBy(() -> client("/").query("up", null))
                .hasMessage("GET " + server.url("/api/v1/query") + ": HTTP 502: bad gateway");
        answer(200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"histogram\",\"result\":[]}}");
        assertThatThrownBy(() -> client("/").query("up", null)).hasMessageContaining("unknown resultType 'histogram'");
    }

    @Test
    @Timeout(60) // a hang guard only: the outcome ("timed out") is what is tested
    void aServerThatDoesNotAnswerTimesOut() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body("{}").build());
        PrometheusClient c = new PrometheusClient(server.url("/").toString(), Duration.ofMillis(300));
        assertThatThrownBy(() -> c.query("up", null)).isInstanceOf(P21monException.class)
                .hasMessage("GET " + server.url("/api/v1/query") + ": timed out");
    }

    @Test
    void aRefusedConnectionNamesTheUrl() {
        String url = "http://127.0.0.1:" + Servers.freePort() + "/";
        assertThatThrownBy(() -> new PrometheusClient(url, Duration.ofSeconds(5)).query("up", null))
                .isInstanceOf(P21monException.class)
                .hasMessageStartingWith("GET " + url + "api/v1/query: ");
    }

    @Test
    void credentialsAndTheQueryStringNeverReachAMessage() {
        String withSecrets = "http://admin:s3cret-pw@127.0.0.1:" + server.getPort() + "/";
        answer(500, "text/plain", "internal error");
        assertThatThrownBy(() -> new PrometheusClient(withSecrets, Duration.ofSeconds(5)).query("secret_token_metric", null))
                .message().isEqualTo("GET http://127.0.0.1:" + server.getPort() + "/api/v1/query: HTTP 500: internal error")
                .doesNotContain("s3cret-pw").doesNotContain("admin").doesNotContain("secret_token_metric");
        String refused = "http://admin:s3cret-pw@127.0.0.1:" + Servers.freePort() + "/";
        assertThatThrownBy(() -> new PrometheusClient(refused, Duration.ofSeconds(5)).query("up", null))
                .message().doesNotContain("s3cret-pw").doesNotContain("admin");
    }

    @Test
    void aBaseUrlThatIsNotOneNamesTheFlag() {
        assertThatThrownBy(() -> new PrometheusClient("localhost:9090", Duration.ofSeconds(1)))
                .isInstanceOf(P21monException.class).hasMessage("--prometheus: 'localhost:9090' is not an http(s) URL")
                .extracting(e -> ((P21monException) e).kind()).isEqualTo(P21monException.Kind.USAGE);
    }
}
