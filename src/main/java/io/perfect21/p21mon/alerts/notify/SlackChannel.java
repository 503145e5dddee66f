package io.perfect21.p21mon.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.alerts.Alert;
import io.perfect21.p21mon.alerts.Notification;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming webhook: a Block Kit message (a header, one section per alert, a context line) with a plain
 * {@code text} fallback for notifications and clients that do not show blocks. Apps' incoming webhooks post to the one
 * channel they were made for and ignore a {@code channel} override; legacy webhooks honour it, so it is sent when set.
 * Slack's limits are kept: header 150 characters, section 3000, at most {@value #MAX_ALERTS} alert sections.
 */
public final class SlackChannel implements NotificationChannel {
    /** Alerts shown one section each; the rest are counted in a last line. */
    static final int MAX_ALERTS = 20;

    private final String name;
    private final String channel;
    private final HttpDelivery http;

    public SlackChannel(String name, String webhookUrl, String channel, Duration timeout) {
        this.name = name;
        this.channel = channel == null || channel.isBlank() ? null : channel;
        this.http = new HttpDelivery(name, webhookUrl, "slack webhook URL", timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public void send(Notification n) throws IOException {
        http.post(Json.mapper().writeValueAsBytes(payload(n, channel)), null);
    }

    @Override
    public Payload render(Notification n) throws IOException {
        return new Payload(name, "slack", "POST " + http.shown(), "application/json",
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(payload(n, channel)));
    }

    /** The message: {@code text} (fallback), {@code blocks}, and {@code channel} when one is set. */
    public static ObjectNode payload(Notification n, String channel) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("text", fallback(n));
        if (channel != null) {
            root.put("channel", channel);
        }
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(n.title(), 150));
        List<Alert> alerts = n.alerts();
        for (Alert a : alerts.subList(0, Math.min(MAX_ALERTS, alerts.size()))) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", cut(alertText(a), 3000));
        }
        List<String> context = new ArrayList<>();
        if (alerts.size() > MAX_ALERTS) {
            context.add("…and " + (alerts.size() - MAX_ALERTS) + " more alerts");
        }
        context.add("p21mon · " + escape(n.receiver()));
        ObjectNode ctx = blocks.addObject().put("type", "context");
        ArrayNode elements = ctx.putArray("elements");
        context.forEach(t -> elements.addObject().put("type", "mrkdwn").put("text", t));
        return root;
    }

    private static String fallback(Notification n) {
        StringBuilder sb = new StringBuilder(n.title());
        for (Alert a : n.alerts()) {
            String summary = a.annotations().getOrDefault("summary", a.annotations().getOrDefault("description", ""));
            sb.append("\n").append(a.status()).append(": ").append(summary.isEmpty() ? a.name() : summary);
        }
        return cut(sb.toString(), 3000);
    }

    private static String alertText(Alert a) {
        StringBuilder sb = new StringBuilder();
        String summary = a.annotations().getOrDefault("summary", a.name());
        sb.append(a.firing() ? "*FIRING* " : "*RESOLVED* ").append('*').append(escape(summary)).append('*');
        String description = a.annotations().get("description");
        if (description != null && !description.isBlank()) {
            sb.append('\n').append(escape(description));
        }
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, String> e : a.labels().entrySet()) {
            labels.add("`" + escape(e.getKey()) + "=" + escape(e.getValue()).replace("`", "'") + "`");
        }
        sb.append('\n').append(String.join(" ", labels));
        sb.append("\nsince ").append(a.startsAt());
        if (!a.firing()) {
            sb.append(", ended ").append(a.endsAt());
        }
        String runbook = a.annotations().get("runbook_url");
        if (runbook != null && !runbook.isBlank()) {
            sb.append("\n<").append(runbook.replace(">", "%3E")).append("|Runbook>");
        }
        return sb.toString();
    }

    /** Slack's mrkdwn treats {@code & < >} as control characters. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
