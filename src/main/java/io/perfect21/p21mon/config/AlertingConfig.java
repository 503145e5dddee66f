package io.perfect21.p21mon.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code alerting:}: the seed's timing keys (rule evaluation, Alertmanager grouping, repeat suppression, the timeout of
 * one notification) and its channels: a Slack incoming webhook, email over SMTP, a generic webhook that receives
 * Alertmanager's webhook payload; the user's own alerting and recording rules and promtool test files.
 */
public record AlertingConfig(
        Duration evaluationInterval,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        Duration notificationTimeout,
        String alertmanagerUrl,
        String slackWebhook,
        String slackChannel,
        EmailConfig email,
        WebhookConfig webhook,
        List<AlertRuleConfig> rules,
        List<RecordingRuleConfig> recordingRules,
        List<String> ruleTestFiles,
        String runbookBaseUrl) {

    public AlertingConfig {
        evaluationInterval = Defaults.or(evaluationInterval, Duration.ofSeconds(30));
        groupWait = Defaults.or(groupWait, Duration.ofSeconds(10));
        groupInterval = Defaults.or(groupInterval, Duration.ofMinutes(5));
        repeatInterval = Defaults.or(repeatInterval, Duration.ofHours(1));
        notificationTimeout = Defaults.or(notificationTimeout, Duration.ofSeconds(30));
        alertmanagerUrl = Defaults.or(alertmanagerUrl, "http://localhost:9093");
        rules = Defaults.list(rules);
        recordingRules = Defaults.list(recordingRules);
        ruleTestFiles = Defaults.list(ruleTestFiles);
        runbookBaseUrl = Defaults.or(runbookBaseUrl, "https://github.com/perfect21/p21mon/blob/main/docs/alerts.md");
    }

    static AlertingConfig defaults() {
        return new AlertingConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code alerting.email}: SMTP server and addresses; STARTTLS is on unless turned off. */
    public record EmailConfig(
            String host,
            Integer port,
            String username,
            String password,
            String from,
            List<String> to,
            Boolean starttls) {

        public EmailConfig {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("alerting.email.host is required");
            }
            port = Defaults.port("alerting.email.port", port, 587);
            to = Defaults.list(to);
            starttls = Defaults.or(starttls, true);
        }
    }

    /** {@code alerting.webhook}: a URL that receives the Alertmanager webhook payload (version 4). */
    public record WebhookConfig(String url) {
        public WebhookConfig {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("alerting.webhook.url is required");
            }
        }
    }
}
