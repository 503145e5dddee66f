package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.config.AlertingConfig;

import java.util.ArrayList;
import java.util.List;

/** The channels {@code alerting:} configures, each with {@code alerting.notification_timeout}. */
public final class NotificationChannels {
    private NotificationChannels() {
    }

    /** The configured channels (none when {@code alerting} declares none). */
    public static List<NotificationChannel> from(AlertingConfig alerting) {
        List<NotificationChannel> channels = new ArrayList<>();
        if (alerting.webhook() != null) {
            channels.add(new WebhookChannel(alerting.webhook().url(), alerting.notificationTimeout()));
        }
        return channels;
    }
}
