package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.alerts.AlertEvaluator.AlertStatus;
import io.perfect21.p21mon.alerts.AlertEvaluator.EvalReport;
import io.perfect21.p21mon.alerts.RuleCatalogue;
import io.perfect21.p21mon.alerts.RuleWriter;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Output of {@code alerts rules --out} (the files written) and {@code alerts eval} (each alert's state). */
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
}
