/**
 * Notification channels: where {@link io.perfect21.p21mon.alerts.Notifier}'s notifications go. A
 * {@link io.perfect21.p21mon.alerts.notify.NotificationChannel} delivers within its timeout or throws (the notifier
 * spools and retries); {@link io.perfect21.p21mon.alerts.notify.NotificationChannels} builds the channels the
 * {@code alerting:} section configures, today the generic webhook with Alertmanager's payload
 * ({@link io.perfect21.p21mon.alerts.notify.WebhookChannel}), whose URL is treated as a secret.
 */
package io.perfect21.p21mon.alerts.notify;
