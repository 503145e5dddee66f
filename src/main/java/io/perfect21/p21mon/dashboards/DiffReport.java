package io.perfect21.p21mon.dashboards;

import java.util.List;

/**
 * {@code dashboards push --diff}: each local dashboard against Grafana's copy ({@code new}, {@code same} or
 * {@code changed}), with the changed lines of their JSON ({@code -} Grafana's, {@code +} local), ignoring the fields
 * Grafana keeps for itself ({@code id}, {@code version}).
 */
public record DiffReport(String grafana, List<Entry> dashboards) {
    public DiffReport {
        dashboards = List.copyOf(dashboards);
    }

    /** One dashboard's comparison; {@code lines} is a unified-style diff, empty when the same. */
    public record Entry(String uid, String title, String status, List<String> lines) {
        public Entry {
            lines = List.copyOf(lines);
        }
    }

    /** Whether any dashboard differs from Grafana's (or is not there yet). */
    public boolean changed() {
        return dashboards.stream().anyMatch(e -> !e.status().equals("same"));
    }
}
