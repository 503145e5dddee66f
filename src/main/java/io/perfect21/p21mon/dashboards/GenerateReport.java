package io.perfect21.p21mon.dashboards;

import java.util.List;

/**
 * What {@code dashboards generate} and {@code dashboards validate} found: one entry per dashboard, written (or valid)
 * or refused with its problems, each naming the panel.
 */
public record GenerateReport(String dir, List<Entry> dashboards) {
    public GenerateReport {
        dashboards = List.copyOf(dashboards);
    }

    /**
     * One dashboard: its name, uid, file, panel count, {@code written}/{@code valid}/{@code invalid}, its problems and
     * its warnings (deprecated panels, on a foreign dashboard unknown metrics: they do not make it invalid).
     */
    public record Entry(String name, String uid, String file, int panels, String status, List<String> problems,
                        List<String> warnings) {
        public Entry {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    /** Whether every dashboard was fine. */
    public boolean ok() {
        return dashboards.stream().allMatch(e -> e.problems().isEmpty());
    }
}
