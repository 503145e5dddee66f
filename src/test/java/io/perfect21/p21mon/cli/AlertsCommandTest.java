package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsCommandTest {
    @StartStop
    final MockWebServer hook = new MockWebServer();
    @TempDir
    Path dir;

    Cli.Result run(String yaml, String... args) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), yaml);
        return Cli.in(dir).run(args);
    }

    String webhookConfig(String url) {
        return "alerting:\n  notification_timeout: 2s\n  webhook: {url: \"" + url + "\"}\n";
    }

    @Test
    void anUnknownChannelInARouteIsAConfigErrorWithItsPath() throws Exception {
        Cli.Result r = run(webhookConfig(hook.url("/h").toString())
                + "  routes:\n    - {match: {severity: critical}, channels: [webhok]}\n", "alerts", "config");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("p21mon.yaml:").contains("alerting.routes[0].channels[0]: unknown channel 'webhok'")
                .contains("did you mean 'webhook'");
    }

    @Test
    void notifyTestDryRunPrintsTheExactPayloadAndSendsNothing() throws Exception {
        Cli.Result r = run(webhookConfig(hook.url("/hook/secret-token").toString()), "alerts", "notify-test",
                "--channel", "webhook", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("### webhook (webhook) -> POST http://").contains("\"version\" : \"4\"")
                .contains("P21monTestNotification").doesNotContain("secret-token");
        assertThat(hook.getRequestCount()).isZero();
    }

    @Test
    void notifyTestOfAnUnknownChannelListsTheChannels() throws Exception {
        Cli.Result r = run(webhookConfig(hook.url("/h").toString()), "alerts", "notify-test", "--channel", "pager");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--channel pager: no such channel; channels: webhook");
    }

    @Test
    void notifyTestSendsNowAndFailsLoudlyWithoutSpooling() throws Exception {
        hook.enqueue(new MockResponse.Builder().code(200).build());
        assertThat(run(webhookConfig(hook.url("/h").toString()), "alerts", "notify-test").code()).isZero();
        assertThat(hook.takeRequest().getBody().utf8()).contains("P21monTestNotification");
        for (int i = 0; i < 3; i++) {
            hook.enqueue(new MockResponse.Builder().code(503).build());
        }
        Cli.Result failed = Cli.in(dir).run("alerts", "notify-test", "--state-dir", "state");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("HTTP 503").contains("not spooled");
        assertThat(dir.resolve("state/spool")).doesNotExist();
    }

    @Test
    void fireWithoutAnAlertmanagerGoesToTheChannelsAndAFailureIsDeliveredByTheNextRunOnce() throws Exception {
        int dead = io.perfect21.p21mon.testing.Servers.freePort();
        Cli.Result failed = run(webhookConfig("http://127.0.0.1:" + dead + "/hook"), "alerts", "fire", "--name",
                "BackupFailed", "--message", "nightly backup failed", "--severity", "critical", "--label", "job=backup",
                "--state-dir", "state");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).contains("1 spooled for the next run").contains("127.0.0.1:" + dead);

        hook.enqueue(new MockResponse.Builder().code(200).build());
        hook.enqueue(new MockResponse.Builder().code(200).build());
        Cli.Result next = run(webhookConfig(hook.url("/hook").toString()), "alerts", "fire", "--name", "Deploy",
                "--message", "v2 rolled out", "--severity", "info", "--state-dir", "state");
        assertThat(next.code()).as(next.toString()).isZero();
        assertThat(next.out()).contains("1 sent, 1 re-sent from the spool");
        RecordedRequest first = hook.takeRequest(5, TimeUnit.SECONDS);
        JsonNode spooled = Json.mapper().readTree(first.getBody().utf8());
        assertThat(spooled.at("/alerts/0/labels/alertname").asText()).isEqualTo("BackupFailed");
        assertThat(spooled.at("/alerts/0/labels/job").asText()).isEqualTo("backup");
        assertThat(spooled.at("/alerts/0/annotations/summary").asText()).isEqualTo("nightly backup failed");
        assertThat(Json.mapper().readTree(hook.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
                .at("/alerts/0/labels/alertname").asText()).isEqualTo("Deploy");
        hook.enqueue(new MockResponse.Builder().code(200).build());
        Cli.Result third = Cli.in(dir).run("alerts", "notify-test", "--state-dir", "state");
        assertThat(third.code()).isZero();
        assertThat(hook.getRequestCount()).as("the spooled alert went out exactly once").isEqualTo(3);
    }

    @Test
    void fireWithNoAlertmanagerAndNoChannelFailsSayingHowToConfigureOne() throws Exception {
        Cli.Result r = Cli.in(dir).run("alerts", "fire", "--name", "DiskFull", "--message", "disk / at 97%",
                "--severity", "critical");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("p21mon: nowhere to send DiskFull: no Alertmanager "
                + "(alerting.alertmanager_url or --alertmanager) and no channel (alerting.slack_webhook, email, webhook "
                + "or channels) is configured; configure one (docs/alerts.md#channels-and-routing), or see the request "
                + "with --dry-run");
        Cli.Result channels = run("alerting: {}\n", "alerts", "fire", "--name", "X", "--message", "m", "--via", "channels");
        assertThat(channels.code()).isEqualTo(2);
        assertThat(channels.err()).contains("--via channels: no notification channel is configured");
    }

    @Test
    void aFirstRunDryRunShowsTheRequestForTheDefaultAlertmanager() throws Exception {
        Cli.Result r = Cli.in(dir).run("alerts", "fire", "--name", "DiskFull", "--message", "disk / at 97%",
                "--severity", "critical", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).contains("POST http://localhost:9093/api/v2/alerts").doesNotContain("//api")
                .contains("\"alertname\" : \"DiskFull\"");
    }

    @Test
    void aDryRunJoinsTheAlertmanagerBaseUrlWithItsPath() throws Exception {
        Cli.Result r = Cli.in(dir).run("alerts", "fire", "--name", "X", "--message", "m", "--dry-run",
                "--alertmanager", "http://am.example.com:9093/prefix/");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out() + r.err()).contains("POST http://am.example.com:9093/prefix/api/v2/alerts");
    }

    @Test
    void aBadSeverityOrMatcherIsAUsageError() throws Exception {
        Cli.Result r = run(webhookConfig(hook.url("/h").toString()), "alerts", "fire", "--name", "X", "--message", "m",
                "--severity", "panic");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--severity: 'panic'; one of critical, warning, info");
        Cli.Result m = Cli.in(dir).run("alerts", "list", "not a matcher");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("is not a label matcher");
    }

    @Test
    void configOnStdoutMasksInlineSecrets() throws Exception {
        Cli.Result r = run("alerting:\n  slack_webhook: https://hooks.slack.com/services/T/B/secret\n"
                + "  email: {host: smtp.example.com, username: u, password: hunter2, from: a@example.com, to: [b@example.com]}\n",
                "alerts", "config");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("slack_configs").contains("email_configs").doesNotContain("secret")
                .doesNotContain("hunter2");
        assertThat(r.err()).contains("masked");
        assertThat(r.out()).contains("api_url: https://hooks.slack.com/services/********");
    }

    @Test
    void configOnStdoutKeepsAPlainWebhooksServer() throws Exception {
        Cli.Result r = run("alerting:\n  webhook: {url: 'http://alertmanager:9093/'}\n", "alerts", "config");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("url: http://alertmanager:9093/").doesNotContain("********");
        assertThat(r.err()).doesNotContain("masked");
    }
}
