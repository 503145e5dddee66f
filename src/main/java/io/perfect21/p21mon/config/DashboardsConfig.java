package io.perfect21.p21mon.config;

/**
 * {@code dashboards:}: where generated Grafana dashboards go, an optional directory of the user's own templates
 * overlaying the built-in ones, the Prometheus datasource uid they reference, and Grafana's address. {@code generate:
 * false} keeps {@code stack config} from writing (and Grafana from provisioning) p21mon's dashboards, for a stack that
 * shows only your own; {@code dashboards generate} still writes them when asked.
 */
public record DashboardsConfig(
        Boolean generate,
        String outDir,
        String templatesDir,
        String datasourceUid,
        String grafanaUrl,
        String folderUid) {

    public DashboardsConfig {
        generate = Defaults.or(generate, true);
        outDir = Defaults.or(outDir, "monitoring/dashboards");
        datasourceUid = Defaults.or(datasourceUid, "prometheus");
        grafanaUrl = Defaults.or(grafanaUrl, "http://localhost:3000");
    }

    static DashboardsConfig defaults() {
        return new DashboardsConfig(null, null, null, null, null, null);
    }
}
