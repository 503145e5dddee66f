package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.notify.Payload;
import io.perfect21.p21mon.client.AlertmanagerClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code alerts fire}, the seed's {@code fire_custom_alert(name, message, severity, labels, annotations)}: one alert
 * with {@code alertname}, {@code severity} and the given labels, the message as its {@code summary}, sent either to
 * Alertmanager's v2 API or straight to the channels through the {@link Notifier} (routed, retried, spooled).
 * A {@code duration} sets its end ({@code endsAt}); without one Alertmanager resolves it after its
 * {@code resolve_timeout}. With neither an Alertmanager nor a channel configured there is nowhere to send it:
 * {@link #nowhereToSend()} says so and how to configure one (exit 1), and a dry run shows the request for the default
 * Alertmanager.
 */
public record CustomAlert(String name, String message, String severity, Map<String, String> labels,
                          Map<String, String> annotations, Duration duration) {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** The severities routes and rules use. */
    public static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    public CustomAlert {
        if (name == null || !LABEL_NAME.matcher(name).matches()) {
            throw P21monException.usage("--name: '" + name + "' is not a valid alert name (letters, digits, _)");
        }
        if (!SEVERITIES.contains(severity)) {
            throw P21monException.usage("--severity: '" + severity + "'; one of " + String.join(", ", SEVERITIES));
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        for (String k : labels.keySet()) {
            if (!LABEL_NAME.matcher(k).matches()) {
                throw P21monException.usage("--label: '" + k + "' is not a valid label name (letters, digits, _)");
            }
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw P21monException.usage("--duration: must be positive");
        }
    }

    /** The one line {@code alerts fire} prints when no Alertmanager and no channel is configured. */
    public String nowhereToSend() {
        return "nowhere to send " + name + ": no Alertmanager (alerting.alertmanager_url or --alertmanager) and no "
                + "channel (alerting.slack_webhook, email, webhook or channels) is configured; configure one "
                + "(docs/alerts.md#channels-and-routing), or see the request with --dry-run";
    }

    /** The alert as it is sent at {@code now}. */
    public Alert alert(Instant now) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put("alertname", name);
        l.put("severity", severity);
        Map<String, String> a = new LinkedHashMap<>();
        a.put("summary", message);
        a.putAll(annotations);
        return new Alert(l, a, "firing", now, duration == null ? null : now.plus(duration), null);
    }

    /** Posts the alert to Alertmanager (or, in a dry run, only renders the request). */
    public Notifier.Outcome toAlertmanager(AlertmanagerClient am, Instant now, boolean dryRun) {
        Alert a = alert(now);
        List<AlertmanagerClient.PostableAlert> body = List.of(new AlertmanagerClient.PostableAlert(a.labels(),
                a.annotations(), a.startsAt(), duration == null ? null : a.endsAt(), null));
        if (dryRun) {
            return new Notifier.Outcome(0, 0, 0, List.of(), List.of(new Payload("alertmanager", "alertmanager",
                    "POST " + am.url("api/v2/alerts"), "application/json",
                    new String(AlertmanagerClient.postBody(body), StandardCharsets.UTF_8))));
        }
        am.post(body);
        return new Notifier.Outcome(1, 0, 0, List.of());
    }

    /** Sends the alert straight to the channels its labels route to. */
    public Notifier.Outcome toChannels(Notifier notifier, Instant now) {
        Alert a = alert(now);
        Notification n = new Notification("p21mon-fire", "{}:{alertname=\"" + name + "\"}",
                Map.of("alertname", name), List.of(a), null);
        return notifier.deliver(List.of(n));
    }
}
