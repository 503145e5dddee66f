package io.perfect21.p21mon.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code alerting:}: the seed's timing keys (rule evaluation, Alertmanager grouping, repeat suppression, the timeout of
 * one notification) and its channels: a Slack incoming webhook, email over SMTP, a generic webhook that receives
 * Alertmanager's webhook payload. The seed's {@code slack_webhook}, {@code email} and {@code webhook} keys are the implicit
 * channels named {@code slack}, {@code email} and {@code webhook}; {@code channels} adds named ones, {@code routes}
 * sends alerts by their labels to some of them ({@code default_channels}, else every channel, take the rest).
 * {@code alertmanager_url} unset means "no Alertmanager configured" ({@link #alertmanagerConfigured()}); its accessor
 * still answers the default {@code http://localhost:9093}. {@code rules}, {@code recording_rules},
 * {@code rule_test_files} and {@code runbook_base_url} are the user's own rules for {@code alerts rules} and {@code alerts test};
 * {@code rule_files} are globs of Prometheus rule files taken as they are (relative to the configuration file's
 * directory), and {@code disabled_rules} names built-in alerts to leave out (to replace one with your own).
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
        List<ChannelConfig> channels,
        List<RouteConfig> routes,
        List<String> defaultChannels,
        List<AlertRuleConfig> rules,
        List<RecordingRuleConfig> recordingRules,
        List<String> ruleTestFiles,
        String runbookBaseUrl,
        List<String> ruleFiles,
        List<String> disabledRules) {

    /** Alertmanager's address when {@code alerting.alertmanager_url} is not set. */
    public static final String DEFAULT_ALERTMANAGER_URL = "http://localhost:9093";

    public AlertingConfig {
        evaluationInterval = Defaults.or(evaluationInterval, Duration.ofSeconds(30));
        groupWait = Defaults.or(groupWait, Duration.ofSeconds(10));
        groupInterval = Defaults.or(groupInterval, Duration.ofMinutes(5));
        repeatInterval = Defaults.or(repeatInterval, Duration.ofHours(1));
        notificationTimeout = Defaults.or(notificationTimeout, Duration.ofSeconds(30));
        channels = Defaults.list(channels);
        routes = Defaults.list(routes);
        defaultChannels = Defaults.list(defaultChannels);
        checkChannelsAndRoutes(slackWebhook, email, webhook, channels, routes, defaultChannels);
        rules = Defaults.list(rules);
        recordingRules = Defaults.list(recordingRules);
        ruleTestFiles = Defaults.list(ruleTestFiles);
        runbookBaseUrl = Defaults.or(runbookBaseUrl, "https://github.com/perfect21/p21mon/blob/main/docs/alerts.md");
        ruleFiles = Defaults.list(ruleFiles);
        disabledRules = Defaults.list(disabledRules);
    }

    static AlertingConfig defaults() {
        return new AlertingConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** {@code alerting.alertmanager_url}, or {@link #DEFAULT_ALERTMANAGER_URL} when it is not set. */
    @Override
    public String alertmanagerUrl() {
        return alertmanagerUrl != null ? alertmanagerUrl : DEFAULT_ALERTMANAGER_URL;
    }

    /** Whether the file sets {@code alerting.alertmanager_url} (then {@code alerts fire} goes to Alertmanager). */
    public boolean alertmanagerConfigured() {
        return alertmanagerUrl != null && !alertmanagerUrl.isBlank();
    }

    /** The names of every channel: the seed's implicit ones ({@code slack}, {@code email}, {@code webhook}), then ours. */
    public List<String> channelNames() {
        return names(slackWebhook, email, webhook, channels);
    }

    private static List<String> names(String slackWebhook, EmailConfig email, WebhookConfig webhook,
                                      List<ChannelConfig> channels) {
        List<String> names = new ArrayList<>();
        if (slackWebhook != null && !slackWebhook.isBlank()) {
            names.add("slack");
        }
        if (email != null) {
            names.add("email");
        }
        if (webhook != null) {
            names.add("webhook");
        }
        channels.forEach(c -> names.add(c.name()));
        return names;
    }

    /** Channel names are unique, and every channel a route or {@code default_channels} names exists. */
    private static void checkChannelsAndRoutes(String slackWebhook, EmailConfig email, WebhookConfig webhook,
                                               List<ChannelConfig> channels, List<RouteConfig> routes,
                                               List<String> defaultChannels) {
        List<String> names = names(slackWebhook, email, webhook, channels);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                int index = i - (names.size() - channels.size());
                throw new IllegalArgumentException("alerting.channels" + (index >= 0 ? "[" + index + "]" : "")
                        + ".name: a second channel named '" + names.get(i) + "' (slack, email and webhook are taken "
                        + "when the seed keys slack_webhook, email, webhook are set)");
            }
        }
        for (int r = 0; r < routes.size(); r++) {
            List<String> routeChannels = routes.get(r).channels();
            for (int c = 0; c < routeChannels.size(); c++) {
                unknown("alerting.routes[" + r + "].channels[" + c + "]", routeChannels.get(c), names);
            }
        }
        for (int c = 0; c < defaultChannels.size(); c++) {
            unknown("alerting.default_channels[" + c + "]", defaultChannels.get(c), names);
        }
    }

    private static void unknown(String path, String name, List<String> names) {
        if (!names.contains(name)) {
            String hint = Suggestions.closest(name, names).map(s -> "; did you mean '" + s + "'?")
                    .orElse(names.isEmpty() ? "; no channel is configured (alerting.channels)"
                            : "; channels: " + String.join(", ", names));
            throw new IllegalArgumentException(path + ": unknown channel '" + name + "'" + hint);
        }
    }

    /**
     * One named channel of {@code alerting.channels}: {@code type} {@code slack} (an incoming webhook URL; app webhooks
     * ignore {@code channel}, so one URL per channel), {@code email} (SMTP: STARTTLS required unless turned off,
     * implicit TLS with {@code ssl} or port 465) or {@code webhook} (Alertmanager's webhook payload). Secrets may be
     * given as files: {@code webhook_url_file}, {@code password_file}.
     */
    public record ChannelConfig(
            String name,
            String type,
            String webhookUrl,
            String webhookUrlFile,
            String channel,
            String host,
            Integer port,
            String username,
            String password,
            String passwordFile,
            String from,
            List<String> to,
            Boolean starttls,
            Boolean ssl,
            Boolean insecureSkipVerify) {

        /** The channel types. */
        public static final List<String> TYPES = List.of("slack", "email", "webhook");

        public ChannelConfig {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("alerting.channels: every channel needs a name");
            }
            String where = "alerting.channels '" + name + "'";
            if (type == null || !TYPES.contains(type)) {
                throw new IllegalArgumentException(where + ": type must be one of " + String.join(", ", TYPES)
                        + ", got '" + type + "'");
            }
            port = Defaults.port(where + ".port", port, ssl != null && ssl ? 465 : 587);
            to = Defaults.list(to);
            starttls = Defaults.or(starttls, true);
            ssl = Defaults.or(ssl, port == 465);
            insecureSkipVerify = Defaults.or(insecureSkipVerify, false);
            switch (type) {
                case "slack", "webhook" -> {
                    if (blank(webhookUrl) == blank(webhookUrlFile)) {
                        throw new IllegalArgumentException(where + ": give one of webhook_url or webhook_url_file");
                    }
                }
                default -> {
                    if (blank(host) || blank(from) || to.isEmpty()) {
                        throw new IllegalArgumentException(where + ": an email channel needs host, from and to");
                    }
                    if (!blank(password) && !blank(passwordFile)) {
                        throw new IllegalArgumentException(where + ": give password or password_file, not both");
                    }
                }
            }
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    /**
     * One route of {@code alerting.routes}: alerts whose labels equal every {@code match} value and fully match every
     * {@code match_re} regular expression go to {@code channels}; routes are tried in order and the first match wins,
     * unless it says {@code continue: true}. Alerts no route takes go to {@code default_channels} (default: all).
     */
    public record RouteConfig(
            Map<String, String> match,
            Map<String, String> matchRe,
            List<String> channels,
            @JsonProperty("continue") Boolean continueMatching) {

        public RouteConfig {
            match = match == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(match));
            matchRe = matchRe == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(matchRe));
            channels = Defaults.list(channels);
            continueMatching = Defaults.or(continueMatching, false);
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("alerting.routes: every route needs channels: [...]");
            }
            for (Map.Entry<String, String> e : matchRe.entrySet()) {
                try {
                    java.util.regex.Pattern.compile(e.getValue());
                } catch (java.util.regex.PatternSyntaxException x) {
                    throw new IllegalArgumentException("alerting.routes match_re." + e.getKey() + ": not a regular "
                            + "expression: " + x.getDescription());
                }
            }
        }
    }

    /** {@code alerting.email}: SMTP server and addresses; STARTTLS is on unless turned off. */
    public record EmailConfig(
            String host,
            Integer port,
            String username,
            String password,
            String from,
            List<String> to,
            Boolean starttls,
            String passwordFile,
            Boolean ssl,
            Boolean insecureSkipVerify) {

        public EmailConfig {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("alerting.email.host is required");
            }
            port = Defaults.port("alerting.email.port", port, ssl != null && ssl ? 465 : 587);
            to = Defaults.list(to);
            starttls = Defaults.or(starttls, true);
            ssl = Defaults.or(ssl, port == 465);
            insecureSkipVerify = Defaults.or(insecureSkipVerify, false);
        }

        /** The same settings as a named email channel. */
        public ChannelConfig asChannel(String name) {
            return new ChannelConfig(name, "email", null, null, null, host, port, username, password, passwordFile,
                    from == null ? username : from, to, starttls, ssl, insecureSkipVerify);
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
