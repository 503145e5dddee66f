package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.alerts.Alert;
import io.perfect21.p21mon.alerts.Notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The channels and the routes between them: each alert goes to the channels of the first route whose matchers its
 * labels satisfy (and of the routes after it while they say {@code continue}); an alert no route takes goes to the
 * default channels. A notification goes to the union of its alerts' channels.
 */
public record NotificationRouting(List<NotificationChannel> channels, List<Route> routes, List<String> defaultChannels) {

    /** One route: label equality ({@code match}) and full regular-expression matches ({@code matchRe}). */
    public record Route(Map<String, String> match, Map<String, Pattern> matchRe, List<String> channels,
                        boolean continueMatching) {
        public Route {
            match = Map.copyOf(match);
            matchRe = Map.copyOf(matchRe);
            channels = List.copyOf(channels);
        }

        boolean matches(Map<String, String> labels) {
            for (Map.Entry<String, String> e : match.entrySet()) {
                if (!e.getValue().equals(labels.getOrDefault(e.getKey(), ""))) {
                    return false;
                }
            }
            for (Map.Entry<String, Pattern> e : matchRe.entrySet()) {
                if (!e.getValue().matcher(labels.getOrDefault(e.getKey(), "")).matches()) {
                    return false;
                }
            }
            return true;
        }
    }

    public NotificationRouting {
        channels = List.copyOf(channels);
        routes = List.copyOf(routes);
        defaultChannels = defaultChannels == null || defaultChannels.isEmpty()
                ? channels.stream().map(NotificationChannel::name).toList() : List.copyOf(defaultChannels);
    }

    /** Every notification to every channel. */
    public static NotificationRouting all(List<NotificationChannel> channels) {
        return new NotificationRouting(channels, List.of(), List.of());
    }

    /** The channel of that name or type; a usage error listing the channels when there is none. */
    public NotificationChannel channel(String nameOrType) {
        return channels.stream().filter(c -> c.name().equals(nameOrType)).findFirst()
                .or(() -> channels.stream().filter(c -> c.type().equals(nameOrType)).findFirst())
                .orElseThrow(() -> P21monException.usage("--channel " + nameOrType + ": no such channel; "
                        + (channels.isEmpty() ? "none is configured (alerting.channels, alerting.webhook, "
                        + "alerting.slack_webhook, alerting.email)"
                        : "channels: " + String.join(", ", channels.stream().map(NotificationChannel::name).toList()))));
    }

    /** Only this one channel, every notification to it. */
    public NotificationRouting only(String nameOrType) {
        return all(List.of(channel(nameOrType)));
    }

    /** The channel names an alert with these labels goes to. */
    public List<String> channelNamesFor(Map<String, String> labels) {
        Set<String> names = new LinkedHashSet<>();
        boolean matched = false;
        for (Route r : routes) {
            if (r.matches(labels)) {
                matched = true;
                names.addAll(r.channels());
                if (!r.continueMatching()) {
                    break;
                }
            }
        }
        if (!matched) {
            names.addAll(defaultChannels);
        }
        return new ArrayList<>(names);
    }

    /** The channels a notification goes to, in the order they are declared. */
    public List<NotificationChannel> channelsFor(Notification n) {
        Set<String> names = new LinkedHashSet<>();
        for (Alert a : n.alerts()) {
            names.addAll(channelNamesFor(a.labels()));
        }
        return channels.stream().filter(c -> names.contains(c.name())).toList();
    }

    /** The channel of that exact name, or null. */
    public NotificationChannel named(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
