package io.perfect21.p21mon.dashboards;

import java.util.List;

/** What {@code dashboards push} did in Grafana: one entry per dashboard, created or updated, at which version and URL. */
public record PushReport(String grafana, List<Entry> dashboards) {
    public PushReport {
        dashboards = List.copyOf(dashboards);
    }

    /** One pushed dashboard; {@code action} is {@code created} or {@code updated}. */
    public record Entry(String uid, String title, String action, String folderUid, int version, String url) {
    }
}
