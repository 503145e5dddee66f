package io.perfect21.p21mon.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertingConfigTest {
    static AlertingConfig parse(String yaml) {
        return new ConfigLoader(Map.of("SLACK", "https://hooks.slack.com/services/T/B/x"), Path.of("."))
                .parse(yaml, "p21mon.yaml").alerting();
    }

    @Test
    void seedKeysAreImplicitChannelsBesideNamedOnesAndRoutesReadContinue() {
        AlertingConfig a = parse("""
                alerting:
                  slack_webhook: "${SLACK}"
                  slack_channel: "#ops"
                  email: {host: smtp.example.com, username: u, password_file: /etc/p, from: a@example.com, to: [b@example.com]}
                  webhook: {url: "http://hooks.example.com/h"}
                  channels:
                    - {name: pager, type: webhook, webhook_url_file: /etc/pager.url}
                  routes:
                    - {match: {severity: critical}, match_re: {team: "ops|sre"}, channels: [pager, email], continue: true}
                  default_channels: [slack]
                """);
        assertThat(a.channelNames()).containsExactly("slack", "email", "webhook", "pager");
        assertThat(a.routes().get(0).continueMatching()).isTrue();
        assertThat(a.routes().get(0).matchRe()).containsEntry("team", "ops|sre");
        assertThat(a.email().passwordFile()).isEqualTo("/etc/p");
        assertThat(a.alertmanagerConfigured()).isFalse();
        assertThat(a.alertmanagerUrl()).isEqualTo("http://localhost:9093");
        assertThat(parse("alerting: {alertmanager_url: 'http://am:9093'}\n").alertmanagerConfigured()).isTrue();
    }

    @Test
    void theSchemaDescribesChannelsAndRoutes() {
        JsonNode schema = ConfigSchema.generate();
        assertThat(schema.at("/properties/alerting/properties/routes/items/properties/continue/type").asText())
                .isEqualTo("boolean");
        assertThat(schema.at("/properties/alerting/properties/channels/items/properties/webhook_url_file/type").asText())
                .isEqualTo("string");
    }

    @Test
    void badChannelsAndRoutesAreConfigErrorsNamingTheKey() {
        for (List<String> c : List.of(
                List.of("  channels: [{name: x, type: pager, webhook_url: 'http://h'}]", "type must be one of slack, email, webhook"),
                List.of("  channels: [{name: x, type: slack}]", "give one of webhook_url or webhook_url_file"),
                List.of("  channels: [{name: x, type: email, host: h}]", "needs host, from and to"),
                List.of("  webhook: {url: 'http://h'}\n  channels: [{name: webhook, type: webhook, webhook_url: 'http://h'}]",
                        "alerting.channels[0].name: a second channel named 'webhook'"),
                List.of("  routes: [{match: {a: b}, channels: [nowhere]}]",
                        "alerting.routes[0].channels[0]: unknown channel 'nowhere'; no channel is configured"),
                List.of("  webhook: {url: 'http://h'}\n  default_channels: [web]", "alerting.default_channels[0]: unknown channel 'web'"),
                List.of("  webhook: {url: 'http://h'}\n  routes: [{match_re: {a: '('}, channels: [webhook]}]",
                        "match_re.a: not a regular expression"))) {
            assertThatThrownBy(() -> parse("alerting:\n" + c.get(0) + "\n")).as(c.get(0))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("p21mon.yaml:").hasMessageContaining(c.get(1));
        }
    }
}
