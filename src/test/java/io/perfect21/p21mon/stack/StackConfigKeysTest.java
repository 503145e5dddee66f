package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code alerting} keys whose effect shows in the files {@code stack config} writes: each set
 * to a non-default value lands in Prometheus's or Alertmanager's configuration.
 */
class StackConfigKeysTest {
    @TempDir
    Path dir;

    private String read(String rel) throws Exception {
        return Files.readString(dir.resolve("monitoring").resolve(rel));
    }

    @Test
    void timingAndSlackKeysReachPrometheusAndAlertmanager() throws Exception {
        Cli.Result before = Cli.in(dir).run("stack", "config");
        assertThat(before.code()).as(before.toString()).isZero();
        assertThat(read("native/prometheus.yml")).contains("evaluation_interval: 30s");
        assertThat(read("native/alertmanager.yml")).contains("group_wait: 10s", "group_interval: 5m", "repeat_interval: 1h");

        Files.writeString(dir.resolve("p21mon.yaml"), """
                alerting: {evaluation_interval: 45s, group_wait: 7s, group_interval: 3m, repeat_interval: 4h,
                  slack_webhook: "https://hooks.slack.com/services/T/B/x", slack_channel: "#ops-alerts"}
                """);
        Cli.Result r = Cli.in(dir).run("stack", "config");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(read("native/prometheus.yml")).contains("evaluation_interval: 45s");
        assertThat(read("native/alertmanager.yml")).contains("group_wait: 7s", "group_interval: 3m", "repeat_interval: 4h");
        assertThat(read("alertmanager.yml")).contains("group_wait: 7s", "group_interval: 3m", "repeat_interval: 4h")
                .contains("slack_configs", "#ops-alerts");
    }
}
