package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.RecordingRule;
import io.perfect21.p21mon.alerts.RuleCatalogue;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.dashboards.DashboardGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Set;
import java.util.stream.Collectors;

/** {@code p21mon dashboards}: Grafana dashboards from templates. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Grafana dashboards (overview, agents, quality, infrastructure, sla, business) rendered from "
                + "FreeMarker templates, checked before they are written, and pushed to Grafana.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon dashboards generate --out monitoring/dashboards",
            "  p21mon dashboards validate",
            "  p21mon dashboards migrate exported.json --out exported.json",
            "  GRAFANA_TOKEN=... p21mon dashboards push --grafana http://grafana:3000 --folder ops --diff"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a dashboard is invalid, or Grafana refused or did not answer",
            "2:bad usage or configuration"})
public final class DashboardsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }

    /**
     * The generator for this run: built-in templates overlaid by dashboards.templates_dir, and the known metric names,
     * which include the series the recording rules of {@code p21mon alerts rules} define (the built-in dashboards query
     * exported metrics only; users' templates may use the recording rules).
     */
    static DashboardGenerator generator(P21monConfig config, Services services) {
        Set<String> recorded = RuleCatalogue.of(config).recordingRules().stream().map(RecordingRule::record)
                .collect(Collectors.toSet());
        return DashboardGenerator.forConfig(config, services.workDir(), recorded);
    }
}
