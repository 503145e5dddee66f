package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.alerts.AlertEvaluator.AlertStatus;
import io.perfect21.p21mon.alerts.AlertEvaluator.EvalReport;
import io.perfect21.p21mon.alerts.AlertList;
import io.perfect21.p21mon.alerts.Notifier;
import io.perfect21.p21mon.alerts.RuleCatalogue;
import io.perfect21.p21mon.alerts.RuleWriter;
import io.perfect21.p21mon.alerts.SilenceList;
import io.perfect21.p21mon.alerts.notify.Payload;
import io.perfect21.p21mon.client.AlertmanagerClient;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Output of the alerts commands: {@code alerts rules --out} (the files written), {@code alerts eval} (each alert's
 * state), {@code alerts list} and {@code alerts silence list}, and what {@code alerts fire} and {@code alerts
 * notify-test} delivered ({@link Notifier.Outcome}: counts and problems, or with {@code --dry-run} each exact payload
 * under a {@code ### channel -> destination} line).
 */
public final class AlertsRenderers {
    /** Labels left out of the SUBJECT column: shown elsewhere, or implied by the mount point or check. */
    private static final Set<String> NOT_SUBJECT = Set.of("alertname", "instance", "device", "fstype", "type");

    private AlertsRenderers() {
    }

    /** Registers the alerts formats with {@link Renderers}. */
    public static void register() {
        Renderers.register(RuleWriter.RulesReport.class, "table", (r, out, style) -> {
            Table t = Table.of("FILE", "GROUPS", "ALERTS", "RECORDING");
            r.files().forEach(f -> t.row(f.file(), f.groups(), f.alertRules(), f.recordingRules()));
            t.print(out, style);
        });
        Renderers.register(EvalReport.class, "table", AlertsRenderers::evalTable);
        Renderers.register(AlertList.class, "table", AlertsRenderers::alerts);
        Renderers.register(SilenceList.class, "table", AlertsRenderers::silences);
        Renderers.register(Notifier.Outcome.class, "table", AlertsRenderers::outcome);
    }

    private static void evalTable(EvalReport r, PrintWriter out, Style style) {
        Table t = Table.of("ALERT", "SUBJECT", "STATE", "VALUE", "THRESHOLD", "FOR", "SINCE", "SEVERITY");
        for (AlertStatus a : r.alerts()) {
            List<String> subject = new ArrayList<>();
            a.labels().forEach((k, v) -> {
                if (!NOT_SUBJECT.contains(k)) {
                    subject.add(k + "=" + v);
                }
            });
            t.row(a.alert(), subject.isEmpty() ? a.labels().get("instance") : String.join(",", subject),
                    a.state(), RuleCatalogue.number(Math.round(a.value() * 100) / 100.0),
                    RuleCatalogue.number(a.threshold()), a.forDuration(),
                    a.activeSince() == null ? null : a.activeSince().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    a.severity());
        }
        t.statusColumn(2).print(out, style);
        out.println(r.host() + ": " + r.firing() + " firing, " + r.pending() + " pending; notifications sent "
                + r.notifications().sent() + ", spooled " + r.notifications().spooled() + ", resent from the spool "
                + r.notifications().resent());
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
