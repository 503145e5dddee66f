package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.host.OshiHostProbe;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Prometheus scraping {@code metrics serve} (OSHI, the real host) and a real Pushgateway fed by
 * {@code metrics push}; {@code metrics query} reads both back. One Prometheus for the whole class: its first scrape
 * comes ~6 s after start (REAL-SERVERS.md).
 */
class MetricsPrometheusIT {
    static MetricsService.Running exporter;
    static MetricsService.Running secured;
    static RealServer pushgateway;
    static RealServer prometheus;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics: {update_interval: 1s, custom_labels: {env: it}}\n");
        P21monConfig config = new io.perfect21.p21mon.config.ConfigLoader(Map.of(), dir).load(dir.resolve("p21mon.yaml")).config();
        exporter = new MetricsService(config, OshiHostProbe::new, Clock.systemUTC(), dir, null)
                .serve(new Listen("127.0.0.1", 0), WebConfig.none());
        // the same exporter behind TLS and basic auth, from an exporter-toolkit web config file
        MetricsServerTest.run(dir, Servers.binary("openssl").toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        Files.writeString(dir.resolve("web.yml"), """
                tls_server_config: {cert_file: cert.pem, key_file: key.pem}
                basic_auth_users:
                  prometheus: "%s"
                """.formatted(at.favre.lib.crypto.bcrypt.BCrypt.with(at.favre.lib.crypto.bcrypt.BCrypt.Version.VERSION_2Y)
                .hashToString(6, "scrape-secret".toCharArray())));
        secured = new MetricsService(config, OshiHostProbe::new, Clock.systemUTC(), dir, null)
                .serve(new Listen("127.0.0.1", 0), WebConfig.load(dir.resolve("web.yml")));
        pushgateway = Servers.pushgateway();
        prometheus = Servers.prometheus("""
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: p21mon
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                  - job_name: p21mon-tls
                    scheme: https
                    tls_config: {ca_file: '%s'}
                    basic_auth: {username: prometheus, password: scrape-secret}
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                  - job_name: p21mon-tls-no-auth
                    scheme: https
                    tls_config: {ca_file: '%s'}
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(exporter.server().port(), pushgateway.port(), dir.resolve("cert.pem"),
                secured.server().port(), dir.resolve("cert.pem"), secured.server().port()), Map.of());
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (pushgateway != null) {
            pushgateway.close();
        }
        if (exporter != null) {
            exporter.close();
        }
        if (secured != null) {
            secured.close();
        }
    }

    static Cli.Result query(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "metrics";
        full[1] = "query";
        System.arraycopy(args, 0, full, 2, args.length);
        full[args.length + 2] = "--prometheus";
        full[args.length + 3] = prometheus.baseUrl();
        return Cli.in(dir).run(full);
    }

    /** Runs the query until its output satisfies the condition (Prometheus scrapes every second). */
    static Cli.Result until(Predicate<Cli.Result> ok, String... args) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        Cli.Result r = query(args);
        while (!ok.test(r) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            r = query(args);
        }
        return r;
    }

    @Test
    void prometheusScrapesTheExporterAndQueryReadsItBack() throws Exception {
        Cli.Result up = until(r -> r.out().contains("job=\"p21mon\"") && r.out().contains(" 1\n"),
                "up{job=\"p21mon\"}");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.out()).contains("up{instance=\"127.0.0.1:" + exporter.server().port() + "\", job=\"p21mon\"}");

        Cli.Result cpu = until(r -> r.out().contains("\"mode\" : \"user\""), "p21_host_cpu_seconds_total", "-o", "json");
        assertThat(cpu.out()).contains("\"env\" : \"it\"", "\"mode\" : \"idle\"");
        Cli.Result rss = until(r -> r.out().contains("process_resident_memory_bytes"), "process_resident_memory_bytes");
        assertThat(rss.code()).isZero();

        Cli.Result range = until(r -> r.out().lines().count() > 3, "p21_host_load1", "--range", "1m", "--step", "1s", "-o", "csv");
        assertThat(range.code()).as(range.toString()).isZero();
        assertThat(range.out()).startsWith("__name__,env,instance,job,timestamp,value\n");
        assertThat(range.out().lines().count()).isGreaterThan(3);

        Cli.Result plot = query("p21_host_memory_used_bytes", "--range", "1m", "--step", "1s", "--plot");
        assertThat(plot.code()).as(plot.toString()).isZero();
        assertThat(plot.out()).contains("* p21_host_memory_used_bytes{env=\"it\"");
    }

    @Test
    void prometheusScrapesOverTlsWithBasicAuthAndIsRefusedWithout() throws Exception {
        Cli.Result ok = until(r -> r.out().contains("p21mon-tls\"}") && r.out().contains(" 1\n"), "up{job=\"p21mon-tls\"}");
        assertThat(ok.out()).as(ok.toString()).contains(" 1\n");
        Cli.Result load = until(r -> r.out().contains("p21mon-tls"), "p21_host_load1{job=\"p21mon-tls\"}");
        assertThat(load.out()).contains("job=\"p21mon-tls\"");
        Cli.Result refused = until(r -> r.out().contains(" 0\n"), "up{job=\"p21mon-tls-no-auth\"}");
        assertThat(refused.out()).as(refused.toString()).contains("p21mon-tls-no-auth", " 0\n");
        Cli.Result none = query("p21_host_load1{job=\"p21mon-tls-no-auth\"}");
        assertThat(none.out()).contains("no data");
    }

    @Test
    void thePushgatewayReceivesPushesAndPrometheusSeesThem() throws Exception {
        Cli.Result push = Cli.in(dir).run("metrics", "push", "--gateway", pushgateway.baseUrl(), "--job", "backup",
                "--label", "instance=db1", "backup_size_bytes=1234", "backup_files_total=7");
        assertThat(push.code()).as(push.toString()).isZero();
        Cli.Result seen = until(r -> r.out().contains("1234"), "backup_size_bytes");
        assertThat(seen.out()).contains("backup_size_bytes{instance=\"db1\", job=\"backup\"}", "1234");
        Cli.Result counter = until(r -> r.out().contains(" 7\n"), "backup_files_total{job=\"backup\"}");
        assertThat(counter.out()).contains("7");
    }

    @Test
    void invalidPromqlShowsTheServersOwnError() {
        Cli.Result r = query("rate(up[5m]");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad_data", "parse error", prometheus.baseUrl() + "/api/v1/query");
    }
}
