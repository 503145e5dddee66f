package io.perfect21.p21mon.alerts;

import java.util.List;
import java.util.Map;

/**
 * One notification: a group of alerts sent together, with the group's key and labels, as Alertmanager groups them.
 * Its status is {@code firing} when any alert in it fires, else {@code resolved}.
 */
public record Notification(String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> alerts,
                           String externalUrl) {

    public Notification {
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
        externalUrl = externalUrl == null ? "" : externalUrl;
    }

    public String status() {
        return alerts.stream().anyMatch(Alert::firing) ? "firing" : "resolved";
    }
}
