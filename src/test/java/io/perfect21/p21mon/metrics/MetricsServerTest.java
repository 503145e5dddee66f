package io.perfect21.p21mon.metrics;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.testing.Servers;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exporter over HTTP: formats by Accept, gzip, /health, /-/ready, TLS and basic auth, a port in use. */
class MetricsServerTest {
    static MetricsService.Running running;
    static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();

    @BeforeAll
    static void start() throws Exception {
        P21monConfig config = P21monConfig.defaults();
        running = new MetricsService(config, FakeHostProbe::new, Clock.systemUTC(), Path.of("."), null)
                .serve(new Listen("127.0.0.1", 0), WebConfig.none());
        long deadline = System.currentTimeMillis() + 60_000; // waits only until it holds; a busy machine may be slow
        while (!running.refresher().refreshedOnce() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    static Response get(OkHttpClient client, String url, String... headers) throws Exception {
        Request.Builder b = new Request.Builder().url(url);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.newCall(b.build()).execute();
    }

    String url(String path) {
        return running.server().url() + path;
    }

    @Test
    void textFormatByDefaultAndOpenMetricsWhenAsked() throws Exception {
        try (Response r = get(HTTP, url("/metrics"))) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(r.body().string()).contains("p21_host_load1 0.5\n", "process_cpu_seconds_total");
        }
        try (Response r = get(HTTP, url("/metrics"), "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")) {
            assertThat(r.header("Content-Type")).startsWith("application/openmetrics-text");
            assertThat(r.body().string()).endsWith("# EOF\n");
        }
    }

    @Test
    void nameFiltersAndHeadRequestsAreServedToo() throws Exception {
        try (Response r = get(HTTP, url("/metrics?name[]=p21_host_load1&name[]=p21_host_load5"))) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).contains("p21_host_load1 0.5", "p21_host_load5 0.25").doesNotContain("p21_host_load15");
        }
        // exactly the names asked for: p21_host_cpus starts with p21_host, the info family's name, yet is not it
        try (Response r = get(HTTP, url("/metrics?name[]=p21_host_cpus"))) {
            String body = r.body().string();
            assertThat(body.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("[{ ].*", "")).distinct())
                    .containsExactly("p21_host_cpus");
        }
        try (Response r = get(HTTP, url("/metrics?name[]=p21_host_info"))) {
            assertThat(r.body().string()).contains("p21_host_info{").doesNotContain("p21_host_cpus");
        }
        try (Response r = HTTP.newCall(new Request.Builder().url(url("/metrics")).head().build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        }
        try (Response r = get(HTTP, url("/metrics/"))) {
            assertThat(r.body().string()).contains("p21_host_load1 0.5");
        }
    }

    @Test
    void gzipWhenTheScraperAcceptsIt() throws Exception {
        assertThat(CachedScrapeHandler.acceptsGzip(List.of("deflate, gzip;q=1.0, *;q=0.5"))).isTrue();
        assertThat(CachedScrapeHandler.acceptsGzip(List.of("gzip;q=0", "identity"))).isFalse();
        assertThat(CachedScrapeHandler.acceptsGzip(null)).isFalse();
        // a client that asks for gzip itself gets the raw compressed body (OkHttp decompresses only when it asked)
        try (Response r = get(HTTP, url("/metrics"), "Accept-Encoding", "gzip")) {
            assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
            String text = new String(new GZIPInputStream(new ByteArrayInputStream(r.body().bytes())).readAllBytes());
            assertThat(text).contains("p21_host_cpu_seconds_total{mode=\"user\"}");
        }
    }

    @Test
    void readyOnceTheHostWasReadAndHealthAnswersWithTheReport() throws Exception {
        try (Response r = get(HTTP, url("/-/ready"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = get(HTTP, url("/health"))) {
            assertThat(r.code()).isEqualTo(503);
            assertThat(r.body().string()).contains("\"status\":\"unknown\"");
        }
        try (Response r = get(HTTP, url("/nope"))) {
            assertThat(r.code()).isEqualTo(404);
        }
    }

    @Test
    void healthStatusMapsToHttpStatus() {
        Instant t = Instant.parse("2026-11-24T00:00:00Z");
        HealthReport degraded = new HealthReport(HealthStatus.DEGRADED, "h", t, 5,
                List.of(HealthCheckResult.of("disk", "system_resources", HealthStatus.DEGRADED, "disk 80%")));
        HttpAnswer a = MetricsService.healthAnswer(degraded);
        assertThat(a.status()).isEqualTo(200);
        assertThat(new String(a.body())).startsWith("{\"status\":\"degraded\",\"host\":\"h\",\"timestamp\":\"2026-11-24T00:00:00Z\","
                + "\"duration_ms\":5,\"checks\":[{\"name\":\"disk\"");
        HealthReport down = new HealthReport(HealthStatus.UNHEALTHY, "h", t, 5, List.of());
        assertThat(MetricsService.healthAnswer(down).status()).isEqualTo(503);
    }

    @Test
    void aPortInUseIsAClearFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Listen l = new Listen("127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(() -> MetricsServer.start(l, WebConfig.none(), new CachingRegistry(
                    new io.prometheus.metrics.model.registry.PrometheusRegistry(), () -> 0, 1), () -> null, () -> null))
                    .isInstanceOf(P21monException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": address already in use (--listen or metrics.port)");
        }
    }

    @Test
    void tlsAndBasicAuthFromTheWebConfigFile(@TempDir Path dir) throws Exception {
        Path openssl = Servers.binary("openssl");
        run(dir, openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
                "cert.pem", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "s3cret".toCharArray());
        Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: cert.pem
                  key_file: key.pem
                  min_version: TLS12
                basic_auth_users:
                  prom: "%s"
                """.formatted(hash));
        WebConfig web = WebConfig.load(dir.resolve("web.yml"));
        try (MetricsService.Running tls = new MetricsService(P21monConfig.defaults(), FakeHostProbe::new,
                Clock.systemUTC(), dir, null).serve(new Listen("127.0.0.1", 0), web)) {
            OkHttpClient client = trusting(dir.resolve("cert.pem"));
            String base = "https://localhost:" + tls.server().port();
            assertThat(tls.server().url()).startsWith("https://");
            try (Response r = get(client, base + "/metrics")) {
                assertThat(r.code()).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).contains("Basic");
            }
            try (Response r = get(client, base + "/metrics", "Authorization", Credentials.basic("prom", "wrong"))) {
                assertThat(r.code()).isEqualTo(401);
            }
            for (int i = 0; i < 3; i++) {
                try (Response r = get(client, base + "/metrics", "Authorization", Credentials.basic("prom", "s3cret"))) {
                    assertThat(r.code()).isEqualTo(200);
                    assertThat(r.body().string()).contains("p21_host_load1");
                }
            }
            try (Response r = get(client, base + "/health")) {
                assertThat(r.code()).isEqualTo(401);
            }
            assertThatThrownBy(() -> get(HTTP, "http://127.0.0.1:" + tls.server().port() + "/metrics").close())
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    static OkHttpClient trusting(Path certFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : PemTls.certificates(certFile)) {
            trust.setCertificateEntry("c" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
        return HTTP.newBuilder().sslSocketFactory(ctx.getSocketFactory(), tm).build();
    }
}
