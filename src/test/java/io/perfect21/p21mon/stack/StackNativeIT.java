package io.perfect21.p21mon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native stack with the real Debian binaries on free loopback ports: up, every target up, verify (with a test
 * alert through the real Alertmanager to the verify webhook), status, down leaving no process and no port; and the
 * bad inputs: a busy port, a missing binary, a corrupt pid file, a pid reused by another program, a service that dies.
 * Loki and Jaeger are not packaged for Debian, so the tests that start them put STAND-INS on the PATH
 * ({@code src/test/resources/stack-standins/standin.py} as {@code loki}, {@code jaeger-all-in-one}, {@code jaeger}):
 * they take exactly the command lines the real programs take and answer the endpoints p21mon probes.
 */
class StackNativeIT {
    @TempDir
    Path dir;
    Map<String, Integer> ports = new LinkedHashMap<>();
    int verifyPort;

    @BeforeEach
    void config() throws Exception {
        for (String s : List.of("prometheus", "alertmanager", "pushgateway", "node_exporter", "p21mon", "grafana", "jaeger", "loki",
                "otlp_grpc", "otlp_http", "blackbox", "cadvisor")) {
            ports.put(s, Servers.freePort());
        }
        verifyPort = Servers.freePort();
        StringBuilder p = new StringBuilder();
        ports.forEach((k, v) -> p.append(p.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        Files.writeString(dir.resolve("p21mon.yaml"), """
                metrics: {update_interval: 1s}
                alerting: {evaluation_interval: 1s}
                stack:
                  dir: mon
                  ports: {%s}
                  verify_port: %d
                  targets: [localhost:%d]
                """.formatted(p, verifyPort, ports.get("pushgateway")));
        Servers.binary("prometheus");
        Servers.binary("prometheus-alertmanager", "alertmanager");
        Servers.binary("prometheus-pushgateway", "pushgateway");
        Servers.binary("prometheus-node-exporter", "node_exporter");
        assertThat(cli().run("stack", "config", "-q").code()).isZero();
    }

    @AfterEach
    void cleanUp() {
        cli().run("stack", "down", "-q");
    }

    private Cli cli() {
        return Cli.in(dir);
    }

    private Path run() {
        return dir.resolve("mon/.run");
    }

    @Test
    void upVerifyStatusDownWithTheRealServers() throws Exception {
        Cli.Result up = cli().run("stack", "up", "--runtime", "native", "--timeout", "90s");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.out()).containsPattern("prometheus\\s+started").containsPattern("p21mon\\s+started")
                .containsPattern("loki\\s+skipped\\s+-\\s+\\d+\\s+not installed, skipped")
                .containsPattern("jaeger\\s+skipped\\s+-\\s+\\d+\\s+not installed, skipped");
        // the defaults' Loki and Jaeger are not installed here: said with how to get them, the rest still starts
        assertThat(up.err()).contains("not starting loki: none of loki is on PATH (install: Grafana Loki",
                        "'--without logs' stops asking for it")
                .contains("not starting jaeger: none of jaeger-all-in-one, jaeger is on PATH (install: jaeger (v2) or "
                        + "jaeger-all-in-one (v1) from github.com/jaegertracing/jaeger/releases, on PATH)",
                        "'--without traces' stops asking for it");

        Cli.Result verify = cli().run("stack", "verify", "--timeout", "60s", "-o", "json");
        assertThat(verify.code()).as(verify.toString()).isZero();
        JsonNode checks = Json.mapper().readTree(verify.out()).path("checks");
        List<String> passed = new ArrayList<>();
        checks.forEach(c -> passed.add(c.path("check").asText() + "=" + c.path("ok").asBoolean()));
        // stack.targets reaches Prometheus through file-based service discovery (here a second name for the
        // Pushgateway's /metrics, standing in for another host's exporter)
        assertThat(passed).contains("target p21mon 127.0.0.1:" + ports.get("p21mon") + " up=true",
                "target p21mon localhost:" + ports.get("pushgateway") + " up=true",
                "target pushgateway 127.0.0.1:" + ports.get("pushgateway") + " up=true",
                "target node 127.0.0.1:" + ports.get("node_exporter") + " up=true",
                "rules loaded=true", "alertmanager config accepted=true", "prometheus sends to alertmanager=true",
                "test alert round-trip=true");
        assertThat(Servers.httpStatus("http://127.0.0.1:" + ports.get("prometheus") + "/api/v1/targets")).isEqualTo(200);

        Cli.Result status = cli().run("stack", "status", "-o", "json");
        assertThat(status.code()).as(status.toString()).isZero();
        JsonNode st = Json.mapper().readTree(status.out());
        assertThat(st.path("runtime").asText()).isEqualTo("native");
        List<Long> pids = new ArrayList<>();
        st.path("services").forEach(s -> {
            if (s.path("state").asText().equals("ready")) {
                pids.add(s.path("pid").asLong());
            }
        });
        assertThat(pids).hasSize(5).allMatch(pid -> pid > 0);

        Cli.Result again = cli().run("stack", "up", "--runtime", "native");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).containsPattern("prometheus\\s+running\\s+" + pids.get(0));

        // a crash of p21mon left a corrupt pid file; a pid file names a pid the kernel gave to another program
        Files.writeString(run().resolve("p21mon.pid"), "{garbage");
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(run().resolve("impostor.pid"), """
                    {"service":"impostor","pid":%d,"started_at":"2001-01-01T00:00:00Z","port":1,"command":["sleep"]}
                    """.formatted(other.pid()));
            Cli.Result down = cli().run("stack", "down");
            assertThat(down.code()).as(down.toString()).isZero();
            assertThat(down.out()).containsPattern("p21mon\\s+corrupt pid file").contains("found by its command line")
                    .containsPattern("impostor\\s+not running");
            assertThat(other.isAlive()).as("a reused pid is never signalled").isTrue();
        } finally {
            other.destroy();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(PidFile::running)).as("pid " + pid).isEmpty();
        }
        ports.forEach((service, port) -> assertThat(Servers.portOpen(port)).as(service + " port " + port).isFalse());
        try (Stream<Path> left = Files.list(run())) {
            assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pid") || n.equals("runtime")).toList()).isEmpty();
        }
        Cli.Result statusDown = cli().run("stack", "status");
        assertThat(statusDown.code()).isEqualTo(1);
        assertThat(statusDown.out()).contains("runtime: none");
    }

    /** A bin dir with the stand-ins under these names, first on the PATH given to p21mon. */
    private Cli withStandIns(String... names) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("standins"));
        try (var in = getClass().getResourceAsStream("/stack-standins/standin.py")) {
            byte[] script = in.readAllBytes();
            for (String n : names) {
                Files.write(bin.resolve(n), script);
                assertThat(bin.resolve(n).toFile().setExecutable(true)).isTrue();
            }
        }
        return cli().env("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    private Map<String, JsonNode> statusRows(Cli cli) throws Exception {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        Json.mapper().readTree(cli.run("stack", "status", "-o", "json").out()).path("services")
                .forEach(r -> rows.put(r.path("service").asText(), r));
        return rows;
    }

    private static int post(String url, String json) throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        return java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void upWithNoFlagsStartsLokiAndJaegerV1WhereTheirBinariesAreOnPath() throws Exception {
        Cli cli = withStandIns("loki", "jaeger-all-in-one");
        Cli.Result up = cli.run("stack", "up", "--runtime", "native", "--timeout", "90s");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.out()).containsPattern("loki\\s+started").containsPattern("jaeger\\s+started");
        assertThat(up.err()).doesNotContain("not starting loki", "not starting jaeger");

        Map<String, JsonNode> rows = statusRows(cli);
        for (String s : List.of("loki", "jaeger")) {
            assertThat(rows.get(s).path("state").asText()).as(s + " " + rows.get(s)).isEqualTo("ready");
            assertThat(rows.get(s).path("url").asText()).isEqualTo("http://127.0.0.1:" + ports.get(s));
        }
        assertThat(Servers.httpStatus("http://127.0.0.1:" + ports.get("loki") + "/ready")).isEqualTo(200);
        assertThat(Servers.httpStatus("http://127.0.0.1:" + ports.get("jaeger") + "/api/services")).isEqualTo(200);
        assertThat(post("http://127.0.0.1:" + ports.get("otlp_http") + "/v1/traces", "{\"resourceSpans\":[]}")).isEqualTo(200);
        assertThat(Servers.portOpen(ports.get("otlp_grpc"))).isTrue();
        assertThat(Servers.portOpen(ports.get("loki") + 1)).as("loki grpc").isTrue();
        String jaegerCmd = Files.readString(run().resolve("jaeger.pid"));
        assertThat(jaegerCmd).contains("--query.http-server.host-port=127.0.0.1:" + ports.get("jaeger"))
                .doesNotContain("--config");

        Cli.Result down = cli.run("stack", "down");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(down.out()).containsPattern("loki\\s+stopped").containsPattern("jaeger\\s+stopped");
        for (String s : List.of("loki", "jaeger", "otlp_grpc", "otlp_http")) {
            assertThat(Servers.portOpen(ports.get(s))).as(s).isFalse();
        }
    }

    @Test
    void aJaegerV2OnPathIsStartedWithTheGeneratedConfig() throws Exception {
        Cli cli = withStandIns("loki", "jaeger");
        Cli.Result up = cli.run("stack", "up", "--runtime", "native", "--timeout", "90s");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.out()).containsPattern("jaeger\\s+started");
        assertThat(Files.readString(run().resolve("jaeger.pid")))
                .contains("--config", dir.resolve("mon/native/jaeger-v2.yml").toString()).doesNotContain("--query.http-server");
        assertThat(statusRows(cli).get("jaeger").path("state").asText()).isEqualTo("ready");
        assertThat(post("http://127.0.0.1:" + ports.get("otlp_http") + "/v1/traces", "{\"resourceSpans\":[]}")).isEqualTo(200);
        assertThat(Servers.portOpen(ports.get("otlp_grpc"))).isTrue();
        assertThat(cli.run("stack", "down").code()).isZero();
        assertThat(Servers.portOpen(ports.get("jaeger"))).isFalse();
    }

    @Test
    void withBlackboxTheRealBlackboxExporterProbesTheHttpChecks() throws Exception {
        com.sun.net.httpserver.HttpServer app = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", ex -> {
            byte[] ok = "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        app.start();
        try {
            String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/health";
            Files.writeString(dir.resolve("p21mon.yaml"), Files.readString(dir.resolve("p21mon.yaml"))
                    + "health:\n  checks:\n    - {name: app, type: http, url: \"" + url + "\"}\n");
            Servers.binary("prometheus-blackbox-exporter", "blackbox_exporter");
            assertThat(cli().run("stack", "config", "-q", "--with", "blackbox").code()).isZero();
            Cli.Result up = cli().run("stack", "up", "--runtime", "native", "--with", "blackbox", "--timeout", "90s");
            assertThat(up.code()).as(up.toString()).isZero();
            assertThat(up.out()).containsPattern("blackbox\\s+started");

            String blackbox = "http://127.0.0.1:" + ports.get("blackbox");
            String probe = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(blackbox + "/probe?module=http_2xx&target="
                            + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(probe).containsPattern("(?m)^probe_success 1$").containsPattern("(?m)^probe_http_status_code 200$");
            String down = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(blackbox + "/probe?module=http_2xx&target=http://127.0.0.1:"
                            + Servers.freePort() + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(down).containsPattern("(?m)^probe_success 0$");

            // Prometheus's job blackbox probes the check's URL through it: probe_success{instance=URL} is 1
            String query = "http://127.0.0.1:" + ports.get("prometheus") + "/api/v1/query?query="
                    + java.net.URLEncoder.encode("probe_success{job=\"blackbox\"}", java.nio.charset.StandardCharsets.UTF_8);
            String answer = "";
            for (int i = 0; i < 100 && !answer.contains("\"value\""); i++) {
                Thread.sleep(200);
                answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(query)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            }
            JsonNode result = Json.mapper().readTree(answer).at("/data/result/0");
            assertThat(result.at("/metric/instance").asText()).as(answer).isEqualTo(url);
            assertThat(result.at("/value/1").asText()).isEqualTo("1");
            assertThat(cli().run("stack", "down").code()).isZero();
            assertThat(Servers.portOpen(ports.get("blackbox"))).isFalse();
        } finally {
            app.stop(0);
        }
    }

    @Test
    void aPrometheusThisStackDidNotStartIsForeignInStatusDownAndUp() throws Exception {
        try (RealServer other = Servers.prometheus("global: {scrape_interval: 1m}\n", Map.of())) {
            String yaml = Files.readString(dir.resolve("p21mon.yaml"));
            Files.writeString(dir.resolve("p21mon.yaml"), yaml.replace("prometheus: " + ports.get("prometheus") + ",",
                    "prometheus: " + other.port() + ","));
            assertThat(cli().run("stack", "config", "-q").code()).isZero();
            String held = "127.0.0.1:" + other.port() + " held by pid " + other.pid() + " (prometheus)";

            Cli.Result status = cli().run("stack", "status");
            assertThat(status.code()).as(status.toString()).isEqualTo(1);
            assertThat(status.out()).containsPattern("prometheus\\s+foreign\\s+\\S+\\s+" + other.pid())
                    .contains("foreign: prometheus " + held + ", not started by this stack")
                    .doesNotContainPattern("prometheus\\s+ready");
            JsonNode json = Json.mapper().readTree(cli().run("stack", "status", "-o", "json").out());
            JsonNode row = json.path("services").get(0);
            assertThat(row.path("state").asText()).isEqualTo("foreign");
            assertThat(row.path("pid").asLong()).isEqualTo(other.pid());

            Cli.Result down = cli().run("stack", "down");
            assertThat(down.code()).as(down.toString()).isEqualTo(1);
            assertThat(down.out()).containsPattern("prometheus\\s+left alone\\s+" + other.pid())
                    .contains("foreign: 127.0.0.1:" + other.port() + " is held by pid " + other.pid() + " (prometheus)").contains("left running (not started by this stack): prometheus pid " + other.pid())
                    .doesNotContain("nothing was running");
            assertThat(other.isAlive()).as("down never signals a foreign process").isTrue();
            assertThat(Servers.httpStatus(other.baseUrl() + "/-/ready")).isEqualTo(200);

            Cli.Result up = cli().run("stack", "up", "--runtime", "native");
            assertThat(up.code()).as(up.toString()).isEqualTo(1);
            assertThat(up.err()).contains("ports in use, nothing was started: prometheus " + "127.0.0.1:" + other.port()
                    + " (held by pid " + other.pid() + " (prometheus))");
            assertThat(other.isAlive()).isTrue();
        }
    }

    @Test
    void aBusyPortStopsUpBeforeAnythingStarts() throws Exception {
        int busy = ports.get("pushgateway");
        try (ServerSocket taken = new ServerSocket(busy, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result up = cli().run("stack", "up", "--runtime", "native");
            assertThat(up.code()).isEqualTo(1);
            assertThat(up.err()).contains("ports in use, nothing was started: pushgateway 127.0.0.1:" + taken.getLocalPort()
                    + " (held by pid " + ProcessHandle.current().pid() + " (java))");
        }
        assertThat(Files.exists(run().resolve("prometheus.pid"))).isFalse();
        assertThat(Servers.portOpen(ports.get("prometheus"))).isFalse();
    }

    @Test
    void aMissingBinaryStopsUpBeforeAnythingStarts() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String b : List.of("prometheus", "prometheus-alertmanager", "prometheus-pushgateway")) {
            Files.createSymbolicLink(bin.resolve(b), Servers.binary(b));
        }
        Cli.Result up = cli().env("PATH", bin.toString()).run("stack", "up", "--runtime", "native");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).contains("nothing was started: none of prometheus-node-exporter, node_exporter is on PATH "
                + "(install: apt-get install --no-install-recommends prometheus-node-exporter)");
        assertThat(Servers.portOpen(ports.get("prometheus"))).isFalse();
    }

    @Test
    void aServiceThatDiesAtStartStopsTheOthersWithItsLog() throws Exception {
        Files.writeString(dir.resolve("mon/native/prometheus.yml"), "scrape_configs: [{job_name: x, bogus: 1}]\n");
        Cli.Result up = cli().run("stack", "up", "--runtime", "native", "--timeout", "60s");
        assertThat(up.code()).as(up.toString()).isEqualTo(1);
        assertThat(up.err()).contains("prometheus exited with code", "the others were stopped", "bogus");
        try (Stream<Path> left = Files.list(run())) {
            assertThat(left.filter(f -> f.toString().endsWith(".pid")).toList()).isEmpty();
        }
        ports.forEach((service, port) -> assertThat(Servers.portOpen(port)).as(service).isFalse());
    }
}
