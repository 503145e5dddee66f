package io.perfect21.p21mon.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Postgres;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.perfect21.p21mon.health.HealthIT.check;
import static io.perfect21.p21mon.health.HealthIT.runJson;
import static org.assertj.core.api.Assertions.assertThat;

/** The database check against a real PostgreSQL and a real SQLite file. */
class DatabaseCheckIT {
    static Postgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = Servers.postgres();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    String yaml(String password) {
        return "health:\n  checks:\n    - {name: db, type: database, url: \"" + pg.jdbcUrl() + "\", username: " + pg.user()
                + ", password: \"" + password + "\", timeout: 5s}\n    - {name: other, type: command, command: 'echo fine'}\n";
    }

    @Test
    void healthyWithLatencyAndServerVersionPasswordFromTheEnvironment() throws Exception {
        JsonNode r = runJson(Cli.in(dir).env("DB_PASSWORD", pg.password()), dir, yaml("${DB_PASSWORD}"));
        JsonNode db = check(r, "db");
        assertThat(db.get("status").asText()).as(db.toString()).isEqualTo("healthy");
        assertThat(db.get("details").get("server_version").asText()).startsWith("PostgreSQL " + pg.majorVersion() + ".");
        assertThat(db.get("details").get("latency_ms").asDouble()).isPositive();
        assertThat(r.toString()).doesNotContain(pg.password());
    }

    @Test
    void wrongPasswordIsUnhealthyWithAClearMessageAndNoPassword() throws Exception {
        String wrong = "not-the-pw-42";
        Cli.Result raw = Cli.in(dir).env("DB_PASSWORD", wrong).run("health", "-c", write(yaml("${DB_PASSWORD}")), "-o", "nagios");
        assertThat(raw.code()).isEqualTo(2);
        assertThat(raw.out()).contains("password authentication failed for user \"" + pg.user() + "\"")
                .doesNotContain(wrong).doesNotContain(pg.password());
        assertThat(raw.err()).doesNotContain(wrong);
        JsonNode r = runJson(Cli.in(dir).env("DB_PASSWORD", wrong), dir, yaml("${DB_PASSWORD}"));
        assertThat(check(r, "db").get("status").asText()).isEqualTo("unhealthy");
        assertThat(check(r, "other").get("status").asText()).isEqualTo("healthy");
        assertThat(r.toString()).doesNotContain(wrong);
    }

    @Test
    void aPasswordInTheUrlIsNeverEchoed() throws Exception {
        String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "user=" + pg.user() + "&password=url-secret-9";
        JsonNode r = runJson(Cli.in(dir), dir, "health:\n  checks:\n    - {name: db, type: database, url: \"" + url + "\"}\n");
        assertThat(check(r, "db").get("status").asText()).isEqualTo("unhealthy");
        assertThat(r.toString()).doesNotContain("url-secret-9").contains("password=********");
    }

    @Test
    void aStoppedServerIsUnhealthyNotAHang() throws Exception {
        pg.stop();
        try {
            long t0 = System.nanoTime();
            JsonNode r = runJson(Cli.in(dir).env("DB_PASSWORD", pg.password()), dir, yaml("${DB_PASSWORD}"));
            // a hang guard only (a refused connection answers at once; the check's timeout is 5 s): the outcome is the test
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(30_000);
            JsonNode db = check(r, "db");
            assertThat(db.get("status").asText()).isEqualTo("unhealthy");
            assertThat(db.get("message").asText()).contains("cannot query the database").contains("Connection");
        } finally {
            pg.start();
        }
        JsonNode back = runJson(Cli.in(dir).env("DB_PASSWORD", pg.password()), dir, yaml("${DB_PASSWORD}"));
        assertThat(check(back, "db").get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void realSqliteFile() throws Exception {
        Path sqlite3 = Servers.binary("sqlite3");
        HealthIT.sh(dir, sqlite3.toString(), "app.db", "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        JsonNode r = runJson(Cli.in(dir), dir, "health:\n  checks:\n"
                + "    - {name: lite, type: database, url: 'jdbc:sqlite:app.db', query: 'SELECT count(*) FROM t'}\n"
                + "    - {name: missing, type: database, url: 'jdbc:sqlite:nope.db'}\n");
        assertThat(check(r, "lite").get("status").asText()).isEqualTo("healthy");
        assertThat(check(r, "lite").get("details").get("server_version").asText()).startsWith("SQLite 3.");
        assertThat(check(r, "missing").get("status").asText()).isEqualTo("unhealthy");
        assertThat(check(r, "missing").get("message").asText()).startsWith("no SQLite database file at");
        assertThat(dir.resolve("nope.db")).doesNotExist();
        JsonNode badQuery = runJson(Cli.in(dir), dir, "health:\n  checks:\n"
                + "    - {name: lite, type: database, url: 'jdbc:sqlite:app.db', query: 'SELECT * FROM nosuch'}\n");
        assertThat(check(badQuery, "lite").get("message").asText()).contains("no such table: nosuch");
    }

    private String write(String yaml) throws Exception {
        Path f = dir.resolve("db.yaml");
        java.nio.file.Files.writeString(f, yaml);
        return f.toString();
    }
}
