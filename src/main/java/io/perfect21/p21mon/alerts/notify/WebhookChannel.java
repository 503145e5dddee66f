package io.perfect21.p21mon.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.alerts.Alert;
import io.perfect21.p21mon.alerts.Notification;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic webhook receiving Alertmanager's webhook payload (version 4), so receivers written for Alertmanager work
 * unchanged. The URL is a secret (its path often is the token): errors show only its scheme, host and port.
 */
public final class WebhookChannel implements NotificationChannel {
    private final String name;
    private final HttpDelivery http;

    public WebhookChannel(String url, Duration timeout) {
        this("webhook", url, timeout);
    }

    public WebhookChannel(String name, String url, Duration timeout) {
        this.name = name;
        this.http = new HttpDelivery(name, url, "alerting webhook URL", timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public void send(Notification n) throws IOException {
        http.post(Json.mapper().writeValueAsBytes(payload(n)), n.id());
    }

    @Override
    public Payload render(Notification n) throws IOException {
        return new Payload(name, "webhook", "POST " + http.shown(), "application/json",
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(payload(n)));
    }

    /** Alertmanager's webhook body: version, groupKey, truncatedAlerts, status, receiver, groupLabels, … alerts[]. */
    public static ObjectNode payload(Notification n) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", "4");
        root.put("groupKey", n.groupKey());
        root.put("truncatedAlerts", 0);
        root.put("status", n.status());
        root.put("receiver", n.receiver());
        root.set("groupLabels", map(n.groupLabels()));
        root.set("commonLabels", map(common(n.alerts().stream().map(Alert::labels).toList())));
        root.set("commonAnnotations", map(common(n.alerts().stream().map(Alert::annotations).toList())));
        root.put("externalURL", n.externalUrl());
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode o = alerts.addObject();
            o.put("status", a.status());
            o.set("labels", map(a.labels()));
            o.set("annotations", map(a.annotations()));
            o.put("startsAt", a.startsAt().toString());
            o.put("endsAt", a.endsAt().toString());
            o.put("generatorURL", a.generatorUrl());
            o.put("fingerprint", a.fingerprint());
        }
        return root;
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new LinkedHashMap<>(maps.get(0));
        for (Map<String, String> m : maps) {
            common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return common;
    }

    private static ObjectNode map(Map<String, String> m) {
        ObjectNode o = Json.mapper().createObjectNode();
        new java.util.TreeMap<>(m).forEach(o::put);
        return o;
    }
}
