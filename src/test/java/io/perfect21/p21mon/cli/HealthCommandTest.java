package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.health.FakeHost;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCommandTest {
    @TempDir
    Path dir;
    final FakeHost host = new FakeHost();

    Cli cli() {
        return Cli.in(dir).hostProbe(host);
    }

    void config(String yaml) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), yaml);
    }

    @Test
    void defaultChecksAreHealthyWithExitZeroAndTheSpecJsonShape() throws Exception {
        config("health: {cpu_sample_ms: 10}\n");
        Cli.Result r = cli().run("health", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.fieldNames()).toIterable().containsExactly("status", "host", "timestamp", "duration_ms", "checks");
        assertThat(json.get("status").asText()).isEqualTo("healthy");
        assertThat(json.get("checks").get(0).fieldNames()).toIterable()
                .containsExactly("name", "type", "status", "message", "duration_ms", "details");
        assertThat(json.get("checks")).extracting(c -> c.get("name").asText()).containsExactly("system_resources", "p21mon");
    }

    @Test
    void exitCodesFollowNagios() throws Exception {
        config("health:\n  checks:\n"
                + "    - {name: ok, type: command, command: 'echo fine; exit 0'}\n"
                + "    - {name: warn, type: command, command: 'echo meh; exit 1'}\n");
        assertThat(cli().run("health", "--check", "ok").code()).isZero();
        assertThat(cli().run("health").code()).isEqualTo(1);
        config("health:\n  checks:\n    - {name: crit, type: command, command: 'echo down; exit 2'}\n"
                + "    - {name: unk, type: command, command: 'echo what; exit 3'}\n");
        assertThat(cli().run("health").code()).isEqualTo(2);
        assertThat(cli().run("health", "--check", "unk").code()).isEqualTo(3);
    }

    @Test
    void badFlagsAndBadConfigurationAreUnknownNotCritical() throws Exception {
        Cli.Result flag = cli().run("health", "--bogus");
        assertThat(flag.code()).isEqualTo(3);
        assertThat(flag.err()).contains("Unknown option: '--bogus'");
        Cli.Result format = cli().run("health", "-o", "xml");
        assertThat(format.code()).isEqualTo(3);
        assertThat(format.err()).contains("formats: table, json, yaml, nagios, prometheus");
        config("health: {timout: 3}\n");
        Cli.Result cfg = cli().run("health");
        assertThat(cfg.code()).isEqualTo(3);
        assertThat(cfg.err()).contains("p21mon.yaml").contains("did you mean 'timeout'");
        config("health: {cpu_sample_ms: 10}\n");
        Cli.Result name = cli().run("health", "--check", "nope");
        assertThat(name.code()).isEqualTo(3);
        assertThat(name.err()).contains("no health check named 'nope'; checks: system_resources, p21mon");
    }

    @Test
    void aBadCheckEntryIsUnknownAndTheOthersStillRun() throws Exception {
        config("health:\n  checks:\n    - {name: bad, type: databse, url: 'jdbc:sqlite:x'}\n"
                + "    - {name: good, type: command, command: 'echo fine'}\n");
        Cli.Result r = cli().run("health", "-o", "nagios");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).startsWith("P21MON UNKNOWN - bad unknown: invalid configuration: health.checks[bad] (databse): "
                + "unknown check type 'databse'; did you mean 'database'?");
        assertThat(r.out()).contains("[OK] good (command): fine");
        Cli.Result list = cli().run("health", "--list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("bad   databse").contains("good  command  30s");
    }

    @Test
    void tableIsAlignedAndColouredOnlyOnATerminal() throws Exception {
        config("health:\n  checks:\n    - {name: a, type: command, command: 'echo fine'}\n"
                + "    - {name: longer-name, type: command, command: 'echo bad; exit 2'}\n");
        Cli.Result plain = cli().run("health");
        assertThat(plain.out()).doesNotContain("\u001b[");
        List<String> lines = plain.out().lines().toList();
        assertThat(lines.get(0)).startsWith("CHECK        TYPE     STATUS     TIME");
        assertThat(lines.get(2)).startsWith("longer-name  command  unhealthy");
        assertThat(plain.out()).contains("status: unhealthy  2 checks: 1 healthy, 1 unhealthy");
        Cli.Result colour = cli().terminal(true).run("health");
        assertThat(colour.out()).contains("\u001b[31munhealthy\u001b[0m");
        assertThat(cli().terminal(true).env("NO_COLOR", "1").run("health").out()).doesNotContain("\u001b[");
    }

    @Test
    void nagiosOutputHasStatusLinePerfdataAndLongOutput() throws Exception {
        config("health:\n  checks:\n"
                + "    - {name: load, type: command, command: 'echo \"LOAD OK - load 0.5 | load1=0.5;5;10;0\"; echo line two'}\n");
        Cli.Result r = cli().run("health", "-o", "nagios");
        assertThat(r.out()).isEqualTo("P21MON OK - 1 check: 1 healthy | 'load.load1'=0.5;5;10;0\n"
                + "[OK] load (command): LOAD OK - load 0.5\n    line two\n");
    }

    @Test
    void sinksWriteTheSameRunElsewhere() throws Exception {
        config("health:\n  checks:\n    - {name: a, type: command, command: 'echo fine'}\n"
                + "    - {name: b, type: command, command: 'echo down; exit 2'}\n"
                + "    - {name: c, type: command, command: 'exit 9'}\n");
        Cli.Result r = cli().run("health", "-o", "json", "--textfile-dir", "tf", "--json-out", "out/report.json",
                "--junit-out", "junit.xml");
        assertThat(r.code()).isEqualTo(2);
        String prom = Files.readString(dir.resolve("tf/p21mon_health.prom"));
        assertThat(prom).contains("p21_health_check_status{check=\"b\",type=\"command\"} 2\n")
                .contains("p21_health_check_status{check=\"c\",type=\"command\"} 3\n")
                .contains("p21_health_status 2\n").contains("p21_health_last_run_timestamp_seconds ");
        try (var files = Files.list(dir.resolve("tf"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p21mon_health.prom");
        }
        assertThat(Files.readString(dir.resolve("out/report.json")).strip()).isEqualTo(r.out().strip());
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("tests=\"3\" failures=\"1\" errors=\"1\"")
                .contains("<failure type=\"unhealthy\" message=\"down\">")
                .contains("<error type=\"unknown\"");
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(3);
    }

    @Test
    void watchAppendsReportsWhenNotATerminalUntilInterrupted() throws Exception {
        config("health:\n  checks:\n    - {name: a, type: command, command: 'echo fine'}\n");
        StringWriter out = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread t = new Thread(() -> code.set(P21mon.commandLine(cli().services(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)).execute("health", "--watch", "0.2", "-o", "nagios")));
        t.start();
        long deadline = System.currentTimeMillis() + 60_000; // waits only until it holds; a busy machine may be slow
        while (out.toString().split("--- ", -1).length < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        t.interrupt();
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(code.get()).isZero();
        assertThat(out.toString()).doesNotContain("\u001b[");
        assertThat(out.toString().split("P21MON OK - 1 check", -1).length).isGreaterThanOrEqualTo(4);
    }

    @Test
    void checkTypesOnTheClasspathAreFoundWithServiceLoader() throws Exception {
        config("health:\n  checks:\n    - {name: e, type: echo, status: degraded}\n");
        Cli.Result r = cli().run("health", "-o", "nagios");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("[WARNING] e (echo): echo degraded");
    }

    @Test
    void watchAsJsonIsAStreamOfDocuments() throws Exception {
        config("health:\n  checks:\n    - {name: a, type: command, command: 'echo fine'}\n");
        StringWriter out = new StringWriter();
        Thread t = new Thread(() -> P21mon.commandLine(cli().services(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)).execute("health", "--watch", "0.1", "-o", "json"));
        t.start();
        long deadline = System.currentTimeMillis() + 60_000; // waits only until it holds; a busy machine may be slow
        while (out.toString().split("\"checks\"", -1).length < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        t.interrupt();
        t.join(60_000);
        var parser = Json.mapper().getFactory().createParser(out.toString());
        var docs = Json.mapper().readValues(parser, JsonNode.class).readAll();
        assertThat(docs.size()).isGreaterThanOrEqualTo(2);
        // the last run may have been interrupted mid-check; the ones before it are whole and healthy
        assertThat(docs.subList(0, 2)).allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("healthy"));
    }

    @Test
    void notifyWithoutAChannelIsAUsageError() throws Exception {
        config("health: {cpu_sample_ms: 10}\n");
        Cli.Result r = cli().run("health", "--notify");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no notification channel is configured");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "-1", "0.0"})
    void watchRefusesANonPositiveInterval(String seconds) {
        // a bad flag of health is UNKNOWN (3), never 2, which Nagios reads as CRITICAL (SPEC, health exit codes)
        Cli.Result r = Cli.in(dir).run("health", "--watch", seconds);
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("--watch").contains("positive");
        assertThat(r.out()).isEmpty();
    }
}
