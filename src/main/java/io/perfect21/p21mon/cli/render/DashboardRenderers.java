package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.dashboards.DiffReport;
import io.perfect21.p21mon.dashboards.GenerateReport;
import io.perfect21.p21mon.dashboards.PushReport;

import java.io.PrintWriter;

/**
 * {@code p21mon dashboards} output: the generate/validate table (one row per dashboard, then each problem naming its
 * panel), the push table, and the diff as unified-diff text.
 */
public final class DashboardRenderers {
    private DashboardRenderers() {
    }

    /** Registers the formats; listed in {@link Renderers}. */
    public static void register() {
        Renderers.register(GenerateReport.class, "table", DashboardRenderers::generateTable);
        Renderers.register(PushReport.class, "table", DashboardRenderers::pushTable);
        Renderers.register(DiffReport.class, "table", DashboardRenderers::diffText);
    }

    static void generateTable(GenerateReport r, PrintWriter out, Style style) {
        Table t = Table.of("DASHBOARD", "UID", "PANELS", "STATUS", "FILE").statusColumn(3);
        for (GenerateReport.Entry e : r.dashboards()) {
            t.row(e.name(), e.uid() == null ? "-" : e.uid(), e.panels(), e.status(), e.file() == null ? "-" : e.file());
        }
        t.print(out, style);
        for (GenerateReport.Entry e : r.dashboards()) {
            for (String p : e.problems()) {
                out.println(e.name() + ": " + p);
            }
            for (String w : e.warnings()) {
                out.println(e.name() + ": warning: " + w);
            }
        }
    }

    static void pushTable(PushReport r, PrintWriter out, Style style) {
        Table t = Table.of("UID", "TITLE", "ACTION", "FOLDER", "VERSION", "URL");
        for (PushReport.Entry e : r.dashboards()) {
            t.row(e.uid(), e.title(), e.action(), e.folderUid().isEmpty() ? "(root)" : e.folderUid(), e.version(), e.url());
        }
        t.print(out, style);
    }

    static void diffText(DiffReport r, PrintWriter out, Style style) {
        for (DiffReport.Entry e : r.dashboards()) {
            out.println(style.bold(e.uid() + " (" + e.title() + "): " + e.status()));
            if (e.status().equals("same")) {
                continue;
            }
            out.println("--- grafana " + e.uid());
            out.println("+++ local " + e.uid());
            e.lines().forEach(out::println);
        }
    }
}
