package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthService;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.HealthTextfile;
import io.perfect21.p21mon.health.Perfdata;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code p21mon health} output: {@code table}, {@code nagios} (the monitoring-plugins format: a status line with
 * performance data, then one line per check with its long output) and {@code prometheus} (text format 0.0.4, the
 * same text as the textfile); {@code json} and {@code yaml} are the generic ones.
 */
public final class HealthRenderers {
    private HealthRenderers() {
    }

    /** Registers the formats; listed in {@link Renderers}. */
    public static void register() {
        Renderers.register(HealthReport.class, "table", HealthRenderers::table);
        Renderers.register(HealthReport.class, "nagios", HealthRenderers::nagios);
        Renderers.register(HealthReport.class, "prometheus", (r, out, style) -> out.print(HealthTextfile.render(r)));
        Renderers.register(HealthService.CheckList.class, "table", HealthRenderers::list);
    }

    static void table(HealthReport r, PrintWriter out, Style style) {
        Table t = Table.of("CHECK", "TYPE", "STATUS", "TIME", "MESSAGE").statusColumn(2);
        for (HealthCheckResult c : r.checks()) {
            t.row(c.name(), c.type(), c.status().label(), c.durationMs() + "ms", c.message());
        }
        t.print(out, style);
        out.println();
        out.println(style.bold("status: ") + style.status(r.status().label()) + "  " + counts(r) + "  host " + r.host()
                + "  " + r.durationMs() + "ms");
    }

    static void nagios(HealthReport r, PrintWriter out, Style style) {
        List<String> perf = new ArrayList<>();
        for (HealthCheckResult c : r.checks()) {
            for (Perfdata p : c.perfdata()) {
                perf.add(p.prefixed(c.name()).format());
            }
        }
        List<String> bad = new ArrayList<>();
        for (HealthCheckResult c : r.checks()) {
            if (c.status() != HealthStatus.HEALTHY) {
                bad.add(c.name() + " " + c.status().label() + ": " + clean(c.message()));
            }
        }
        String summary = bad.isEmpty() ? counts(r) : String.join("; ", bad) + " (" + counts(r) + ")";
        out.println("P21MON " + r.status().nagiosLabel() + " - " + summary + (perf.isEmpty() ? "" : " | " + String.join(" ", perf)));
        for (HealthCheckResult c : r.checks()) {
            out.println("[" + c.status().nagiosLabel() + "] " + c.name() + " (" + c.type() + "): " + clean(c.message()));
            if (!c.longOutput().isEmpty()) {
                for (String line : c.longOutput().split("\n")) {
                    out.println("    " + clean(line));
                }
            }
        }
    }

    /** Plugin output may not contain {@code |} outside the performance data. */
    private static String clean(String s) {
        return s.replace('|', '/').replace('\n', ' ');
    }

    private static String counts(HealthReport r) {
        List<String> parts = new ArrayList<>();
        for (HealthStatus s : HealthStatus.values()) {
            long n = r.count(s);
            if (n > 0) {
                parts.add(n + " " + s.label());
            }
        }
        int total = r.checks().size();
        return total + " check" + (total == 1 ? "" : "s") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    static void list(HealthService.CheckList list, PrintWriter out, Style style) {
        Table t = Table.of("NAME", "TYPE", "TIMEOUT", "PROBLEM");
        list.checks().forEach(c -> t.row(c.name(), c.type(), c.timeout(), c.problem() == null ? "" : c.problem()));
        t.print(out, style);
    }
}
