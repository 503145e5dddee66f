package io.perfect21.p21mon.alerts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One notification: a group of alerts sent together, with the group's key and labels, as Alertmanager groups them.
 * Its status is {@code firing} when any alert in it fires, else {@code resolved}. Its {@code id} is its idempotency
 * key: it stays the same when the notification is re-sent from the spool, and channels pass it on (the webhook's
 * {@code Idempotency-Key} header, the email's {@code Message-ID}) so a receiver can drop a duplicate.
 */
public record Notification(String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> alerts,
                           String externalUrl, String id) {

    public Notification {
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
        externalUrl = externalUrl == null ? "" : externalUrl;
        id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    /** A notification with a new id. */
    public Notification(String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> alerts,
                        String externalUrl) {
        this(receiver, groupKey, groupLabels, alerts, externalUrl, null);
    }

    public String status() {
        return alerts.stream().anyMatch(Alert::firing) ? "firing" : "resolved";
    }

    /** {@code [FIRING:2] HighCPUUsage}: the status, the number of firing alerts, the alert names. */
    public String title() {
        long firing = alerts.stream().filter(Alert::firing).count();
        String names = String.join(", ", alerts.stream().map(Alert::name).distinct().toList());
        return "[" + status().toUpperCase(java.util.Locale.ROOT) + (firing > 0 ? ":" + firing : "") + "] " + names;
    }
}
