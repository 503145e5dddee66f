package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.alerts.Notification;

import java.io.IOException;

/**
 * Somewhere notifications go: a generic webhook (Alertmanager's payload), Slack, email. {@link #send} either delivers
 * within the channel's timeout or throws; the caller spools what failed and retries it on the next run.
 */
public interface NotificationChannel {
    /** The channel's name ({@code webhook}, {@code slack}, {@code email}), used in messages and the spool. */
    String name();

    /** Delivers the notification; throws when it could not (the message never contains the channel's secret URL). */
    void send(Notification notification) throws IOException;
}
