package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.dashboards.DashboardFiles;
import io.perfect21.p21mon.dashboards.DashboardGenerator;
import io.perfect21.p21mon.dashboards.GenerateReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon dashboards validate DIR}: check dashboard files. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check every *.json dashboard in DIR: well-formed JSON, unique panel ids, no overlapping gridPos, "
                + "core panel types, datasource references resolvable, every PromQL expression parses (p21mon's own "
                + "grammar check), every metric it names is exported by p21mon, recorded by its library, made by "
                + "Prometheus, defined by a recording rule or named in slos:. Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon dashboards validate monitoring/dashboards",
            "  p21mon dashboards validate ./grafana -o json | jq '.dashboards[].problems'"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every dashboard valid", "1:a dashboard is invalid", "2:bad flag, DIR missing or empty"})
public final class DashboardsValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "DIR", description = "The directory of dashboard JSON files.")
    Path dir;

    @Option(names = "--datasource", paramLabel = "UID",
            description = "A datasource uid panels may name directly. Default: dashboards.datasource_uid.")
    String datasource;

    @Override
    public Integer call() {
        output.check(GenerateReport.class, "table");
        Services services = P21mon.services(spec);
        P21monConfig c = config.config();
        DashboardGenerator generator = DashboardsCommand.generator(c, services);
        GenerateReport report = DashboardFiles.validate(services.workDir().resolve(dir),
                generator.validator(datasource != null ? datasource : c.dashboards().datasourceUid()), generator.uids());
        output.print(report);
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
