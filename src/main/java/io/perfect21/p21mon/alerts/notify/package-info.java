/**
 * Notification channels: Slack incoming webhooks ({@link io.perfect21.p21mon.alerts.notify.SlackChannel}, Block Kit
 * with a text fallback), email over SMTP ({@link io.perfect21.p21mon.alerts.notify.EmailChannel}, Angus Mail,
 * STARTTLS required by default, text and HTML parts) and generic webhooks
 * ({@link io.perfect21.p21mon.alerts.notify.WebhookChannel}, Alertmanager's webhook payload version 4), and the routes
 * between them ({@link io.perfect21.p21mon.alerts.notify.NotificationRouting}). The flow starts in
 * {@link io.perfect21.p21mon.alerts.notify.NotificationChannels#routing}, which builds both from {@code alerting:};
 * the {@link io.perfect21.p21mon.alerts.Notifier} does the retrying and spooling.
 */
package io.perfect21.p21mon.alerts.notify;
