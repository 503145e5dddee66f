package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.client.HttpClients;
import io.perfect21.p21mon.client.PrometheusClient;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.dashboards.DashboardFiles;
import io.perfect21.p21mon.dashboards.DashboardGenerator;
import io.perfect21.p21mon.dashboards.DashboardValidator;
import io.perfect21.p21mon.dashboards.GenerateReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon dashboards validate [PATH...]}: check dashboard files. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check dashboard files (each PATH a file, or a directory of *.json; default: dashboards.out_dir) "
                + "in any shape Grafana writes (the raw model, the API's {\"dashboard\": ...}, an Export with __inputs): "
                + "well-formed JSON, unique panel ids, no overlapping gridPos, Grafana 11 core panel types (deprecated "
                + "ones are warnings naming the replacement), datasource references resolvable, each query in its "
                + "datasource's language (PromQL for Prometheus, LogQL for Loki, none for Jaeger/Tempo) after Grafana's "
                + "variables are substituted, every metric known to p21mon (on a foreign dashboard a warning) or, with "
                + "--prometheus, to that server. Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon dashboards validate",
            "  p21mon dashboards validate exported.json --prometheus http://localhost:9090",
            "  p21mon dashboards validate ./grafana -o json | jq '.dashboards[].problems'"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every dashboard valid", "1:a dashboard is invalid", "2:bad flag, a PATH missing, a directory with no *.json"})
public final class DashboardsValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Dashboard files or directories of them. Default: dashboards.out_dir (monitoring/dashboards).")
    List<Path> paths;

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Check metric names against this Prometheus (its /api/v1/label/__name__/values) as well.")
    String prometheus;

    @Option(names = "--datasource", paramLabel = "UID",
            description = "A datasource uid panels may name directly. Default: dashboards.datasource_uid.")
    String datasource;

    @Override
    public Integer call() {
        output.check(GenerateReport.class, "table");
        Services services = P21mon.services(spec);
        P21monConfig c = config.config();
        DashboardGenerator generator = DashboardsCommand.generator(c, services);
        List<Path> targets = (paths == null || paths.isEmpty() ? List.of(Path.of(c.dashboards().outDir())) : paths)
                .stream().map(services.workDir()::resolve).toList();
        DashboardValidator validator = generator.validator(datasource != null ? datasource : c.dashboards().datasourceUid());
        if (prometheus != null) {
            validator = validator.withServerMetrics(
                    new PrometheusClient(prometheus, HttpClients.CALL_TIMEOUT).metricNames(), prometheus);
        }
        GenerateReport report = DashboardFiles.validate(targets, validator, generator.uids());
        output.print(report);
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
