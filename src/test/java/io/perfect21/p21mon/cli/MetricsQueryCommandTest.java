package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Servers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metrics query} against a MockWebServer speaking the Prometheus API's real wire format. */
class MetricsQueryCommandTest {
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

    String url() {
        return server.url("/").toString();
    }

    void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
    }

    @Test
    void instantQueryPrintsATableOfSeries() throws Exception {
        answer(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"__name__":"up","job":"p21mon","instance":"h:8080"},"value":[1763942400.5,"1"]}]}}""");
        Cli.Result r = Cli.in(dir).run("metrics", "query", "up", "--prometheus", url(), "--time", "1763942400.5");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("up{instance=\"h:8080\", job=\"p21mon\"}", "2025-11-24T00:00:00.500Z", "1");
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/query");
        assertThat(req.getUrl().queryParameter("query")).isEqualTo("up");
        assertThat(req.getUrl().queryParameter("time")).isEqualTo("1763942400.5");
    }

    @Test
    void withoutPrometheusItAsksMetricsPrometheusUrl() throws Exception {
        answer(200, """
                {"status":"success","data":{"resultType":"vector","result":[]}}""");
        java.nio.file.Files.writeString(dir.resolve("p21mon.yaml"),
                "metrics:\n  prometheus_url: " + server.url("/prom").toString() + "\n");
        Cli.Result r = Cli.in(dir).run("metrics", "query", "up");
        assertThat(r.code()).as(r.toString()).isZero();
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req).isNotNull();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/prom/api/v1/query");
    }

    @Test
    void rangeQueryAsCsvAndJson() throws Exception {
        String matrix = """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"job":"a"},"values":[[100,"1"],[130,"2.5"]]},
                 {"metric":{"job":"b,c"},"values":[[100,"NaN"]]}]}}""";
        answer(200, matrix);
        Cli.Result csv = Cli.in(dir).run("metrics", "query", "x", "--prometheus", url(), "--range", "1h", "--step", "30s",
                "--time", "3700", "-o", "csv");
        assertThat(csv.code()).as(csv.toString()).isZero();
        assertThat(csv.out()).isEqualTo("job,timestamp,value\na,100,1\na,130,2.5\n\"b,c\",100,NaN\n");
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo("100");
        assertThat(req.getUrl().queryParameter("end")).isEqualTo("3700");
        assertThat(req.getUrl().queryParameter("step")).isEqualTo("30.0");

        answer(200, matrix);
        Cli.Result json = Cli.in(dir).run("metrics", "query", "x", "--prometheus", url(), "--range", "1h", "-o", "json");
        assertThat(json.out()).contains("\"result_type\" : \"matrix\"", "\"job\" : \"b,c\"");
    }

    @Test
    void plotDrawsAPlainChartWithALegendWhenNotATerminal() {
        answer(200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"job":"a"},"values":[[0,"0"],[60,"5"],[120,"10"]]},
                 {"metric":{"job":"b"},"values":[[0,"10"],[60,"5"],[120,"0"]]}]}}""");
        Cli.Result r = Cli.in(dir).run("metrics", "query", "x", "--prometheus", url(), "--range", "2m", "--time", "120", "--plot");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("10 |", " 0 |", "01-01 00:00:00", "01-01 00:02:00", "* {job=\"a\"}", "+ {job=\"b\"}")
                .doesNotContain("\u001b[");
        assertThat(r.out().lines().filter(l -> l.contains("|")).count()).isEqualTo(16);
    }

    @Test
    void plotUsesColouredDotsOnATerminal() {
        answer(200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"job":"a"},"values":[[0,"0"],[60,"5"],[120,"10"]]}]}}""");
        Cli.Result r = Cli.in(dir).terminal(true).run("metrics", "query", "x", "--prometheus", url(), "--range", "2m", "--plot");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\u001b[32m\u2022\u001b[0m {job=\"a\"}");
        answer(200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"job":"a"},"values":[[0,"0"],[60,"5"],[120,"10"]]}]}}""");
        Cli.Result plain = Cli.in(dir).terminal(true).env("NO_COLOR", "1").run("metrics", "query", "x", "--prometheus", url(),
                "--range", "2m", "--plot");
        assertThat(plain.out()).contains("* {job=\"a\"}").doesNotContain("\u001b[");
    }

    @Test
    void plotNeedsARange() {
        Cli.Result r = Cli.in(dir).run("metrics", "query", "x", "--prometheus", url(), "--plot");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--plot draws a range query");
    }

    @Test
    void theServersOwnErrorIsShownAsItIs() {
        answer(400, """
                {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:4: parse error: unexpected end of input"}""");
        Cli.Result r = Cli.in(dir).run("metrics", "query", "up{", "--prometheus", url());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad_data: invalid parameter \"query\": 1:4: parse error: unexpected end of input")
                .contains(url() + "api/v1/query");
    }

    @Test
    void garbageIsAClearErrorNamingTheUrl() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>login required</html>").build());
        Cli.Result r = Cli.in(dir).run("metrics", "query", "up", "--prometheus", url());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(url() + "api/v1/query", "not Prometheus API JSON", "text/html", "login required");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a hang guard only: without the timeout the answer would come, and no "timed out"
    void aSlowServerTimesOutWithoutHanging() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).body("{}").build());
        Cli.Result r = Cli.in(dir).run("metrics", "query", "up", "--prometheus", url(), "--timeout", "500ms");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(url() + "api/v1/query", "timed out");
    }

    @Test
    void aServerThatIsDownIsAClearError() {
        int port = Servers.freePort();
        Cli.Result r = Cli.in(dir).run("metrics", "query", "up", "--prometheus", "http://127.0.0.1:" + port);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("http://127.0.0.1:" + port + "/api/v1/query");
    }

    @Test
    void badTimeAndDurationFlagsAreUsageErrors() {
        assertThat(Cli.in(dir).run("metrics", "query", "up", "--time", "yesterday-ish").err()).contains("--time");
        Cli.Result r = Cli.in(dir).run("metrics", "query", "up", "--range", "an hour");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--range");
        assertThat(Cli.in(dir).run("metrics", "query", "up", "--prometheus", "not a url").code()).isEqualTo(2);
    }
}
