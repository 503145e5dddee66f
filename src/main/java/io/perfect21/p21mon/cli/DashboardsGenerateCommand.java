package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.dashboards.DashboardFiles;
import io.perfect21.p21mon.dashboards.GenerateReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon dashboards generate}: render, check and write the dashboards. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Render the dashboards from their templates (built-in, overlaid by dashboards.templates_dir), "
                + "check each one as 'dashboards validate' does, and write the valid ones as DIR/NAME.json. A broken "
                + "dashboard is reported with its panel and not written. Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon dashboards generate",
            "  p21mon dashboards generate --out /var/lib/grafana/dashboards --only overview,sla",
            "  p21mon dashboards generate --datasource P1809F7CD0C75ACF3"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every dashboard written", "1:a dashboard is invalid (the others are written)",
            "2:bad flag or configuration, unknown dashboard name"})
public final class DashboardsGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write. Default: dashboards.out_dir (monitoring/dashboards).")
    Path out;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Only these dashboards (overview, agents, quality, infrastructure, sla, business, or your own).")
    List<String> only;

    @Option(names = "--datasource", paramLabel = "UID",
            description = "The Prometheus datasource uid the dashboards' datasource variable defaults to. Default: dashboards.datasource_uid.")
    String datasource;

    @Override
    public Integer call() {
        output.check(GenerateReport.class, "table");
        Services services = P21mon.services(spec);
        P21monConfig c = config.config();
        Path dir = services.workDir().resolve(out != null ? out : Path.of(c.dashboards().outDir()));
        GenerateReport report = DashboardFiles.write(DashboardsCommand.generator(c, services).render(c, only, datasource), dir);
        output.print(report);
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
