package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.AlertingConfig;
import io.perfect21.p21mon.config.AlertingConfig.ChannelConfig;
import io.perfect21.p21mon.config.AlertingConfig.RouteConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The channels and routes {@code alerting:} configures, each channel with {@code alerting.notification_timeout}: the
 * seed's implicit {@code slack} ({@code slack_webhook}), {@code email} and {@code webhook} channels first, then
 * {@code alerting.channels}. Secrets given as files ({@code webhook_url_file}, {@code password_file}) are read here;
 * a relative path resolves against the working directory.
 */
public final class NotificationChannels {
    private NotificationChannels() {
    }

    /** The configured channels (none when {@code alerting} declares none); files resolve against the current directory. */
    public static List<NotificationChannel> from(AlertingConfig alerting) {
        return routing(alerting, Path.of("")).channels();
    }

    /** Every configured channel (as {@code alerting.channels} entries, the seed's keys first). */
    public static List<ChannelConfig> configs(AlertingConfig alerting) {
        List<ChannelConfig> configs = new ArrayList<>();
        if (alerting.slackWebhook() != null && !alerting.slackWebhook().isBlank()) {
            configs.add(new ChannelConfig("slack", "slack", alerting.slackWebhook(), null, alerting.slackChannel(),
                    null, null, null, null, null, null, null, null, null, null));
        }
        if (alerting.email() != null) {
            configs.add(alerting.email().asChannel("email"));
        }
        if (alerting.webhook() != null) {
            configs.add(new ChannelConfig("webhook", "webhook", alerting.webhook().url(), null, null,
                    null, null, null, null, null, null, null, null, null, null));
        }
        configs.addAll(alerting.channels());
        return configs;
    }

    /** The channels and routes of {@code alerting:}. */
    public static NotificationRouting routing(AlertingConfig alerting, Path workDir) {
        List<NotificationChannel> channels = new ArrayList<>();
        for (ChannelConfig c : configs(alerting)) {
            channels.add(channel(c, alerting, workDir));
        }
        List<NotificationRouting.Route> routes = new ArrayList<>();
        for (RouteConfig r : alerting.routes()) {
            Map<String, Pattern> re = new LinkedHashMap<>();
            r.matchRe().forEach((k, v) -> re.put(k, Pattern.compile(v)));
            routes.add(new NotificationRouting.Route(r.match(), re, r.channels(), r.continueMatching()));
        }
        return new NotificationRouting(channels, routes, alerting.defaultChannels());
    }

    private static NotificationChannel channel(ChannelConfig c, AlertingConfig alerting, Path workDir) {
        String where = "alerting.channels '" + c.name() + "'";
        return switch (c.type()) {
            case "slack" -> new SlackChannel(c.name(), secret(c.webhookUrl(), c.webhookUrlFile(), where
                    + ".webhook_url_file", workDir), c.channel(), alerting.notificationTimeout());
            case "webhook" -> new WebhookChannel(c.name(), secret(c.webhookUrl(), c.webhookUrlFile(), where
                    + ".webhook_url_file", workDir), alerting.notificationTimeout());
            default -> new EmailChannel(c.name(), new EmailChannel.Settings(c.host(), c.port(), c.username(),
                    secret(c.password(), c.passwordFile(), where + ".password_file", workDir), c.from(), c.to(),
                    c.starttls(), c.ssl(), c.insecureSkipVerify()), alerting.notificationTimeout());
        };
    }

    /** The inline value, or the first line of the file (a trailing newline is not part of a secret). */
    static String secret(String inline, String file, String key, Path workDir) {
        if (file == null || file.isBlank()) {
            return inline;
        }
        Path path = workDir.resolve(file);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return text.strip();
        } catch (IOException e) {
            throw P21monException.usage(key + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
