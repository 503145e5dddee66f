package io.perfect21.p21mon.health;

import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The textfile sink read by a real node_exporter's textfile collector, and linted by promtool. */
class HealthTextfileIT {
    @TempDir
    static Path textfiles;
    static RealServer nodeExporter;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        nodeExporter = Servers.nodeExporter(textfiles);
    }

    @AfterAll
    static void stop() {
        if (nodeExporter != null) {
            nodeExporter.close();
        }
    }

    static String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(nodeExporter.baseUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void nodeExporterServesTheCheckMetricsWithoutScrapeErrors() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "health:\n  checks:\n"
                + "    - {name: web \"front\", type: command, command: 'echo fine'}\n"
                + "    - {name: db, type: command, command: 'echo down; exit 2'}\n");
        Cli.Result r = Cli.in(dir).run("health", "-q", "--textfile-dir", textfiles.toString(), "-o", "prometheus");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        // one run, two sinks: the file holds exactly what stdout printed
        assertThat(Files.readString(textfiles.resolve("p21mon_health.prom"))).isEqualTo(r.out());
        String metrics = scrape();
        assertThat(metrics).contains("node_textfile_scrape_error 0")
                .contains("p21_health_check_status{check=\"web \\\"front\\\"\",type=\"command\"} 0")
                .contains("p21_health_check_status{check=\"db\",type=\"command\"} 2")
                .contains("p21_health_status 2")
                .contains("p21_health_check_duration_seconds{check=\"db\"}")
                .containsPattern("p21_health_last_run_timestamp_seconds \\d\\.\\d+e\\+09");
        try (var files = Files.list(textfiles)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p21mon_health.prom");
        }
    }

    @Test
    void promtoolFindsNothingToLint() throws Exception {
        Path promtool = Servers.binary("promtool");
        Files.writeString(dir.resolve("p21mon.yaml"), "health:\n  checks:\n    - {name: a, type: command, command: 'echo fine'}\n");
        Cli.Result r = Cli.in(dir).run("health", "-o", "prometheus");
        assertThat(r.code()).as(r.toString()).isZero();
        // lint only what is worth linting: an empty or partial exposition would pass promtool too
        assertThat(r.out()).as(r.toString()).contains(
                "# TYPE p21_health_status gauge\np21_health_status 0\n",
                "# TYPE p21_health_check_status gauge\np21_health_check_status{check=\"a\",type=\"command\"} 0\n",
                "# TYPE p21_health_check_duration_seconds gauge\np21_health_check_duration_seconds{check=\"a\"} ",
                "# TYPE p21_health_run_duration_seconds gauge\n",
                "# TYPE p21_health_last_run_timestamp_seconds gauge\n");
        assertThat(r.out().lines().filter(l -> l.startsWith("# TYPE "))).hasSize(5);
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(r.out().getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).as("promtool has nothing to say about a clean exposition").isBlank();
    }
}
