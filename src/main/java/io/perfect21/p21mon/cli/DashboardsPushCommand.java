package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.client.GrafanaClient;
import io.perfect21.p21mon.client.HttpClients;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.dashboards.Dashboard;
import io.perfect21.p21mon.dashboards.DashboardPusher;
import io.perfect21.p21mon.dashboards.DiffReport;
import io.perfect21.p21mon.dashboards.PushReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon dashboards push}: upsert the dashboards into Grafana. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Generate the dashboards (refusing broken ones) and upsert each by uid through Grafana's HTTP "
                + "API (POST /api/dashboards/db), always naming the folder: --folder, else dashboards.folder_uid, "
                + "else the folder the dashboard is in already (new ones: the root). The token is read from "
                + "GRAFANA_TOKEN and never printed. --diff shows local against Grafana's copy and writes nothing. "
                + "Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  GRAFANA_TOKEN=glsa_... p21mon dashboards push --grafana http://grafana:3000 --folder ops",
            "  p21mon dashboards push --diff --only overview"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pushed (or the diff shown)",
            "1:a dashboard is invalid, or Grafana refused (401, 403, 412) or did not answer", "2:bad flag or configuration"})
public final class DashboardsPushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    OutputOptions output;

    @Option(names = "--grafana", paramLabel = "URL", description = "Grafana's URL. Default: dashboards.grafana_url.")
    String grafana;

    @Option(names = "--folder", paramLabel = "UID", description = "The folder uid to put every dashboard in.")
    String folder;

    @Option(names = "--diff", description = "Show what would change in Grafana; push nothing.")
    boolean diff;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Only these dashboards.")
    List<String> only;

    @Option(names = "--datasource", paramLabel = "UID", description = "The datasource uid the dashboards default to.")
    String datasource;

    @Override
    public Integer call() {
        output.check(diff ? DiffReport.class : PushReport.class, "table");
        Services services = P21mon.services(spec);
        P21monConfig c = config.config();
        String url = grafana != null ? grafana : c.dashboards().grafanaUrl();
        List<Dashboard> dashboards = DashboardsCommand.generator(c, services).generate(c, only, datasource);
        DashboardPusher pusher = new DashboardPusher(
                new GrafanaClient(url, services.env().get("GRAFANA_TOKEN"), HttpClients.CALL_TIMEOUT), url);
        if (diff) {
            output.print(pusher.diff(dashboards));
        } else {
            String target = folder != null ? folder : c.dashboards().folderUid();
            output.print(pusher.push(dashboards, target, "p21mon " + VersionProvider.version() + " dashboards push"));
        }
        return ExitCodes.OK;
    }
}
