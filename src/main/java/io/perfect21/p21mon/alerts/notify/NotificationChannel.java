package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.alerts.Notification;

import java.io.IOException;

/**
 * Somewhere notifications go: a generic webhook (Alertmanager's payload), Slack, email. {@link #send} either delivers
 * within the channel's timeout or throws; the {@code Notifier} retries, spools what still failed and retries it on the
 * next run. {@link #render} gives the exact bytes {@link #send} would send, for {@code --dry-run}.
 */
public interface NotificationChannel {
    /** The channel's name ({@code webhook}, {@code slack}, {@code email}, or its name in {@code alerting.channels}). */
    String name();

    /** The channel's type: {@code slack}, {@code email} or {@code webhook}. */
    default String type() {
        return name();
    }

    /** Delivers the notification; throws when it could not (the message never contains the channel's secret URL). */
    void send(Notification notification) throws IOException;

    /** The exact payload {@link #send} would deliver, with its destination shown without secrets. */
    Payload render(Notification notification) throws IOException;
}
