package io.perfect21.p21mon.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.RealServer;
import io.perfect21.p21mon.testing.Servers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alerts fire|list|silence|config} against a real Alertmanager and checked with the real amtool: a fired alert
 * is visible to {@code amtool alert query} and {@code alerts list}; a silence made by {@code alerts silence add} mutes
 * it and {@code expire} unmutes it; {@code alerts config} passes {@code amtool check-config} and routes as configured,
 * and an Alertmanager running it delivers to the webhook; Alertmanager down is a clear error, exit 1.
 */
class AlertmanagerIT {
    static RealServer am;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        am = Servers.alertmanager("route: {receiver: blackhole, group_wait: 1s}\nreceivers: [{name: blackhole}]\n");
    }

    @AfterAll
    static void stop() {
        am.close();
    }

    static String amtool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Servers.binary("amtool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 15 s: " + what);
    }

    static boolean queryShows(String alertname) {
        try {
            return amtool("alert", "query", "--alertmanager.url=" + am.baseUrl(), "alertname=" + alertname)
                    .contains(alertname);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFiredAlertIsListedAndASilenceMutesItUntilExpired() throws Exception {
        Cli cli = Cli.in(dir);
        String url = am.baseUrl();
        Cli.Result fired = cli.run("alerts", "fire", "--alertmanager", url, "--name", "P21monItFire", "--message",
                "disk / at 97%", "--severity", "critical", "--label", "team=ops", "--annotation", "runbook_url=https://r",
                "--duration", "10m");
        assertThat(fired.code()).as(fired.toString()).isZero();
        eventually("amtool alert query shows the alert", () -> queryShows("P21monItFire"));

        Cli.Result list = cli.run("alerts", "list", "--alertmanager", url, "alertname=P21monItFire", "-o", "json");
        assertThat(list.code()).as(list.toString()).isZero();
        JsonNode alert = Json.mapper().readTree(list.out()).get("alerts").get(0);
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(alert.at("/labels/team").asText()).isEqualTo("ops");
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo("disk / at 97%");
        assertThat(alert.get("state").asText()).isEqualTo("active");

        Cli.Result added = cli.run("alerts", "silence", "add", "--alertmanager", url, "alertname=P21monItFire",
                "team=ops", "--duration", "1h", "--comment", "integration test", "--author", "it");
        assertThat(added.code()).as(added.toString()).isZero();
        String id = added.out().strip();
        assertThat(id).matches("[0-9a-f-]{36}");
        eventually("amtool hides the silenced alert", () -> !queryShows("P21monItFire"));
        assertThat(cli.run("alerts", "list", "--alertmanager", url, "alertname=P21monItFire").out())
                .doesNotContain("P21monItFire");
        assertThat(cli.run("alerts", "list", "--alertmanager", url, "--silenced", "alertname=P21monItFire").out())
                .contains("P21monItFire").contains("suppressed (silenced)");
        Cli.Result silences = cli.run("alerts", "silence", "list", "--alertmanager", url, "-o", "json");
        assertThat(Json.mapper().readTree(silences.out()).get("silences").toString()).contains(id).contains("\"active\"");
        assertThat(amtool("silence", "query", "--alertmanager.url=" + url)).contains(id);

        Cli.Result expired = cli.run("alerts", "silence", "expire", "--alertmanager", url, id);
        assertThat(expired.code()).as(expired.toString()).isZero();
        eventually("the alert shows again", () -> queryShows("P21monItFire"));
        assertThat(cli.run("alerts", "silence", "list", "--alertmanager", url).out()).doesNotContain(id);
    }

    @Test
    void theGeneratedConfigPassesAmtoolRoutesAsConfiguredAndDelivers() throws Exception {
        try (MockWebServer hook = new MockWebServer()) {
            hook.start();
            for (int i = 0; i < 5; i++) {
                hook.enqueue(new MockResponse.Builder().code(200).build());
            }
            Files.writeString(dir.resolve("smtp.pass"), "s3cret\n");
            Files.writeString(dir.resolve("slack.url"), "https://hooks.slack.com/services/T/B/x\n");
            Files.writeString(dir.resolve("p21mon.yaml"), """
                    alerting:
                      group_wait: 1s
                      group_interval: 1m
                      repeat_interval: 4h
                      webhook: {url: "%s"}
                      channels:
                        - {name: ops-slack, type: slack, webhook_url_file: slack.url, channel: "#ops"}
                        - {name: oncall, type: email, host: smtp.example.com, port: 587, username: alerts,
                           password_file: smtp.pass, from: alerts@example.com, to: [oncall@example.com]}
                      routes:
                        - {match: {severity: critical}, channels: [oncall, ops-slack]}
                        - {match_re: {alertname: "P21mon.*"}, channels: [webhook]}
                      default_channels: [webhook]
                    """.formatted(hook.url("/hook")));
            Cli.Result r = Cli.in(dir).run("alerts", "config", "--out", "am.yml");
            assertThat(r.code()).as(r.toString()).isZero();
            Path file = dir.resolve("am.yml");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String yaml = Files.readString(file);
            assertThat(yaml).contains("auth_password_file: " + dir.resolve("smtp.pass"))
                    .contains("api_url_file: " + dir.resolve("slack.url")).doesNotContain("s3cret")
                    .contains("repeat_interval: 4h");
            assertThat(amtool("check-config", file.toString())).contains("SUCCESS");
            assertThat(amtool("config", "routes", "test", "--config.file=" + file, "--verify.receivers=oncall+ops-slack",
                    "severity=critical", "alertname=X")).contains("oncall+ops-slack");
            assertThat(amtool("config", "routes", "test", "--config.file=" + file, "--verify.receivers=webhook",
                    "alertname=Other")).contains("webhook");

            try (RealServer generated = Servers.alertmanager(yaml)) {
                Cli.Result fired = Cli.in(dir).run("alerts", "fire", "--alertmanager", generated.baseUrl(), "--name",
                        "P21monItRouted", "--message", "via the generated config", "--severity", "warning");
                assertThat(fired.code()).as(fired.toString()).isZero();
                RecordedRequest req = hook.takeRequest(20, TimeUnit.SECONDS);
                assertThat(req).as("the generated config's webhook receiver got the alert").isNotNull();
                JsonNode body = Json.mapper().readTree(req.getBody().utf8());
                assertThat(body.get("receiver").asText()).isEqualTo("webhook");
                assertThat(body.at("/alerts/0/labels/alertname").asText()).isEqualTo("P21monItRouted");
            }
        }
    }

    @Test
    void listAlsoReadsAPrometheussRuleAlerts() throws Exception {
        try (RealServer prometheus = Servers.prometheus("global: {evaluation_interval: 1s}\nrule_files: [rules.yml]\n",
                java.util.Map.of("rules.yml", """
                        groups:
                          - name: it
                            rules:
                              - alert: P21monItAlwaysFiring
                                expr: vector(1)
                                labels: {severity: info}
                                annotations: {summary: always}
                              - alert: P21monItPending
                                expr: vector(1)
                                for: 1h
                        """))) {
            Cli cli = Cli.in(dir);
            eventually("the rule fires", () -> cli.run("alerts", "list", "--prometheus", prometheus.baseUrl())
                    .out().contains("P21monItAlwaysFiring"));
            Cli.Result r = cli.run("alerts", "list", "--prometheus", prometheus.baseUrl(), "alertname=~P21monIt.*",
                    "-o", "json");
            assertThat(r.code()).as(r.toString()).isZero();
            JsonNode alerts = Json.mapper().readTree(r.out()).get("alerts");
            assertThat(alerts.findValuesAsText("state")).containsExactlyInAnyOrder("firing", "pending");
            assertThat(cli.run("alerts", "list", "--prometheus", prometheus.baseUrl(), "severity=info").out())
                    .contains("P21monItAlwaysFiring").doesNotContain("P21monItPending");
        }
    }

    @Test
    void alertmanagerDownIsAClearErrorNamingTheUrl() {
        int port = Servers.freePort();
        Cli.Result r = Cli.in(dir).run("alerts", "fire", "--alertmanager", "http://127.0.0.1:" + port, "--name", "X",
                "--message", "m");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("POST http://127.0.0.1:" + port + "/api/v2/alerts");
        Cli.Result list = Cli.in(dir).run("alerts", "list", "--alertmanager", "http://127.0.0.1:" + port);
        assertThat(list.code()).isEqualTo(1);
        assertThat(list.err()).contains("GET http://127.0.0.1:" + port + "/api/v2/alerts");
    }
}
