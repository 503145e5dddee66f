package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.dashboards.DashboardGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Set;
import java.util.function.Supplier;

/** {@code p21mon dashboards}: Grafana dashboards from templates. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Grafana dashboards (overview, agents, quality, infrastructure, sla, business) rendered from "
                + "FreeMarker templates, checked before they are written, and pushed to Grafana.",
        subcommands = {DashboardsGenerateCommand.class, DashboardsValidateCommand.class, DashboardsPushCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon dashboards generate --out monitoring/dashboards",
            "  p21mon dashboards validate monitoring/dashboards",
            "  GRAFANA_TOKEN=... p21mon dashboards push --grafana http://grafana:3000 --folder ops --diff"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a dashboard is invalid, or Grafana refused or did not answer",
            "2:bad usage or configuration"})
public final class DashboardsCommand implements Runnable {
    /**
     * The series the recording rules of {@code p21mon alerts rules} define, which dashboards may query besides the
     * exported metrics: the rule catalogue of the alerts feature supplies them. The built-in dashboards query
     * exported metrics only.
     */
    static final Supplier<Set<String>> RECORDING_RULES = Set::of;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }

    /** The generator for this run: built-in templates overlaid by dashboards.templates_dir, the known metric names. */
    static DashboardGenerator generator(P21monConfig config, Services services) {
        return DashboardGenerator.forConfig(config, services.workDir(), RECORDING_RULES.get());
    }
}
