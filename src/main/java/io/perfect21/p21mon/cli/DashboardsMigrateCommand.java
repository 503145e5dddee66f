package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.dashboards.DashboardFiles;
import io.perfect21.p21mon.dashboards.DashboardMigrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon dashboards migrate FILE}: replace deprecated panels as Grafana migrates them. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Write the dashboard of FILE (any shape Grafana writes; the shape is kept) with its deprecated "
                + "panels replaced the way Grafana migrates them: graph -> timeseries (draw style, fill, stacking, the "
                + "left y axis as unit/min/max/decimals/label, thresholds as lines, legend and tooltip), singlestat -> "
                + "stat, table-old -> table, grafana-piechart-panel -> piechart, grafana-worldmap-panel -> geomap. "
                + "The JSON goes to stdout (or --out FILE); each replaced panel is listed on stderr.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon dashboards migrate exported.json > migrated.json",
            "  p21mon dashboards migrate old.json --out old.json && p21mon dashboards validate old.json"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:cannot write --out", "2:bad flag, FILE missing or not JSON"})
public final class DashboardsMigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "FILE", description = "The dashboard JSON file.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (atomically) instead of to stdout; may be FILE itself.")
    Path out;

    @Override
    public Integer call() {
        Services services = P21mon.services(spec);
        DashboardMigrator.Result r = DashboardMigrator.migrate(DashboardFiles.readJson(services.workDir().resolve(file)));
        String text = DashboardMigrator.text(r.json());
        if (out != null) {
            AtomicFiles.write(services.workDir().resolve(out), text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        r.changes().forEach(spec.commandLine().getErr()::println);
        if (r.changes().isEmpty()) {
            spec.commandLine().getErr().println(file + ": no deprecated panels");
        }
        return ExitCodes.OK;
    }
}
