package io.perfect21.p21mon.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each real server starts on a loopback port, answers its readiness endpoint, and is gone after {@code close()}. */
class ServersIT {

    @Test
    void prometheusLoadsItsRuleFilesAndStopsCleanly() throws Exception {
        RealServer prometheus = Servers.prometheus("""
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [always.yml]
                """, Map.of("always.yml", """
                groups:
                  - name: fixture
                    rules:
                      - alert: Always
                        expr: vector(1)
                """));
        assertReadyThenGone(prometheus, "/-/ready");
    }

    @Test
    void prometheusAnswersAtOnceFromABuiltTsdb() throws Exception {
        Path tsdb = Servers.tsdbFromOpenMetrics("""
                # HELP p21_fixture_demo A demo gauge.
                # TYPE p21_fixture_demo gauge
                p21_fixture_demo{job="a"} 1 1700000000
                p21_fixture_demo{job="a"} 7 1700000060
                # EOF
                """);
        RealServer prometheus = Servers.prometheus("global: {scrape_interval: 1s}\n", Map.of(), tsdb);
        try {
            String body = new String(java.net.URI.create(prometheus.baseUrl()
                    + "/api/v1/query?query=p21_fixture_demo&time=1700000060").toURL().openStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).contains("\"status\":\"success\"").contains("[1700000060,\"7\"]");
        } finally {
            prometheus.close();
        }
        assertThat(Files.isDirectory(tsdb)).as("a given TSDB is not the fixture's to delete").isTrue();
    }

    @Test
    void alertmanager() throws Exception {
        RealServer am = Servers.alertmanager("""
                route: {receiver: hook, group_wait: 1s}
                receivers:
                  - name: hook
                """);
        assertReadyThenGone(am, "/-/ready");
    }

    @Test
    void pushgateway() throws Exception {
        assertReadyThenGone(Servers.pushgateway(), "/-/ready");
    }

    @Test
    void nodeExporterServesTextfileMetrics(@TempDir Path textfiles) throws Exception {
        Files.writeString(textfiles.resolve("fixture.prom"), "p21_fixture_value 42\n");
        RealServer nodeExporter = Servers.nodeExporter(textfiles);
        try {
            String body = new String(java.net.URI.create(nodeExporter.baseUrl() + "/metrics").toURL().openStream()
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).contains("p21_fixture_value 42");
        } finally {
            assertReadyThenGone(nodeExporter, "/metrics");
        }
    }

    @Test
    void postgresAnswersWithPasswordAndRestartsOnItsPort() throws Exception {
        Postgres pg = Servers.postgres();
        try {
            int port = pg.port();
            assertThat(selectOne(pg)).isEqualTo(1);
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "wrong"))
                    .as("password authentication is on").isInstanceOf(SQLException.class);

            pg.stop();
            assertThat(pg.isAlive()).isFalse();
            assertThat(Servers.portOpen(port)).isFalse();

            pg.start();
            assertThat(pg.port()).isEqualTo(port);
            assertThat(selectOne(pg)).isEqualTo(1);
        } finally {
            pg.close();
        }
        assertThat(pg.isAlive()).isFalse();
        assertThat(Servers.portOpen(pg.port())).isFalse();
        assertThat(pg.dir()).doesNotExist();
    }

    @Test
    void binaryTakesTheFirstNameFound() {
        assertThat(Servers.binary("no-such-binary-p21", "promtool").getFileName().toString()).isEqualTo("promtool");
        assertThat(Servers.binary("initdb").toString()).as("PostgreSQL's tools are found off PATH").endsWith("/bin/initdb");
    }

    @Test
    void serverLeftRunningIsStoppedWhenTheJvmExits() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                LeakyMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(line).as("the child JVM started a Pushgateway").matches("\\d+ /.*");
        long pid = Long.parseLong(line.split(" ")[0]);
        Path dir = Path.of(line.split(" ", 2)[1]);
        assertThat(ProcessHandle.of(pid).map(h -> h.isAlive() && !Processes.isZombie(pid)).orElse(false))
                .as("the shutdown hook stopped pid %d", pid).isFalse();
        assertThat(dir).doesNotExist();
    }

    private static int selectOne(Postgres pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertReadyThenGone(RealServer server, String readyPath) {
        long pid = server.pid();
        try {
            assertThat(server.isAlive()).isTrue();
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
            assertThat(Servers.httpStatus(server.baseUrl() + readyPath)).isEqualTo(200);
        } finally {
            server.close();
            server.close(); // idempotent
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(h -> h.isAlive() && !Processes.isZombie(pid)).orElse(false))
                .as("process %d is gone", pid).isFalse();
        assertThat(Servers.portOpen(server.port())).as("port %d is closed", server.port()).isFalse();
        assertThat(server.dir()).doesNotExist();
    }
}
