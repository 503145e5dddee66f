package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.alerts.AlertList;
import io.perfect21.p21mon.alerts.Notifier;
import io.perfect21.p21mon.alerts.SilenceList;
import io.perfect21.p21mon.alerts.notify.Payload;
import io.perfect21.p21mon.client.AlertmanagerClient;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Output of {@code alerts list}, {@code alerts silence list}, and of what {@code alerts fire} and
 * {@code alerts notify-test} delivered ({@link Notifier.Outcome}: counts and problems, or with {@code --dry-run} each
 * exact payload under a {@code ### channel -> destination} line).
 */
public final class AlertmanagerRenderers {
    private AlertmanagerRenderers() {
    }

    /** Registers the formats; listed in {@link Renderers}. */
    public static void register() {
        Renderers.register(AlertList.class, "table", AlertmanagerRenderers::alerts);
        Renderers.register(SilenceList.class, "table", AlertmanagerRenderers::silences);
        Renderers.register(Notifier.Outcome.class, "table", AlertmanagerRenderers::outcome);
    }

    static void alerts(AlertList list, PrintWriter out, Style style) {
        if (list.alerts().isEmpty()) {
            out.println("(no alerts at " + list.alertmanager() + ")");
            return;
        }
        Table t = Table.of("ALERTNAME", "SEVERITY", "STATE", "STARTS AT", "SUMMARY", "LABELS");
        for (AlertmanagerClient.GettableAlert a : list.alerts()) {
            Map<String, String> rest = new java.util.TreeMap<>(a.labels());
            rest.remove("alertname");
            rest.remove("severity");
            t.row(a.labels().getOrDefault("alertname", ""), a.labels().getOrDefault("severity", ""),
                    a.state() + (a.silencedBy().isEmpty() ? "" : " (silenced)"), time(a.startsAt()),
                    a.annotations().getOrDefault("summary", ""), labels(rest));
        }
        t.print(out, style);
    }

    static void silences(SilenceList list, PrintWriter out, Style style) {
        if (list.silences().isEmpty()) {
            out.println("(no silences at " + list.alertmanager() + ")");
            return;
        }
        Table t = Table.of("ID", "MATCHERS", "STATE", "ENDS AT", "CREATED BY", "COMMENT");
        for (AlertmanagerClient.Silence s : list.silences()) {
            t.row(s.id(), s.matchers().stream().map(AlertmanagerClient.LabelMatcher::filter)
                    .collect(Collectors.joining(" ")), s.state(), time(s.endsAt()), s.createdBy(), s.comment());
        }
        t.print(out, style);
    }

    static void outcome(Notifier.Outcome o, PrintWriter out, Style style) {
        for (Payload p : o.payloads()) {
            out.println("### " + p.channel() + " (" + p.type() + ") -> " + p.destination() + " [" + p.contentType() + "]");
            out.println(p.body().stripTrailing());
        }
        if (!o.payloads().isEmpty()) {
            out.println("### dry run: nothing was sent");
        } else {
            List<String> parts = new ArrayList<>();
            parts.add(o.sent() + " sent");
            if (o.resent() > 0) {
                parts.add(o.resent() + " re-sent from the spool");
            }
            if (o.spooled() > 0) {
                parts.add(o.spooled() + " spooled for the next run");
            }
            out.println(String.join(", ", parts));
        }
        o.errors().forEach(e -> out.println("error: " + e));
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
