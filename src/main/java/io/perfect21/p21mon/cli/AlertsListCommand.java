package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.AlertList;
import io.perfect21.p21mon.client.AlertmanagerClient;
import io.perfect21.p21mon.client.AlertmanagerClient.LabelMatcher;
import io.perfect21.p21mon.client.PrometheusClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon alerts list}: Alertmanager's alerts. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the alerts Alertmanager holds (v2 API), filtered by label matchers as amtool takes them "
                + "(name=value, name!=value, name=~regex, name!~regex). Silenced and inhibited alerts are left out "
                + "unless asked for; STATE says which are suppressed.",
            "Formats (-o): table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon alerts list",
            "  p21mon alerts list severity=critical 'alertname=~Disk.*' -o json",
            "  p21mon alerts list --silenced --alertmanager http://am:9093",
            "  p21mon alerts list --prometheus http://localhost:9090   # the rules' firing and pending alerts"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:Alertmanager (or Prometheus) unreachable or answered an error", "2:bad flag, matcher or configuration"})
public final class AlertsListCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;
    @Mixin
    AlertmanagerOptions alertmanager;

    @Parameters(paramLabel = "MATCHER", arity = "0..*", description = "Label matchers; all must match.")
    List<String> matchers = new ArrayList<>();
    @Option(names = "--prometheus", paramLabel = "URL",
            description = "List the alerts of a Prometheus's rules instead (GET /api/v1/alerts: firing and pending).")
    String prometheus;
    @Option(names = {"-s", "--silenced"}, description = "Include silenced alerts.")
    boolean silenced;
    @Option(names = {"-i", "--inhibited"}, description = "Include inhibited alerts.")
    boolean inhibited;

    @Override
    public Integer call() {
        output.check(AlertList.class, "table");
        List<LabelMatcher> parsed = matchers.stream().map(LabelMatcher::parse).toList();
        if (prometheus != null) {
            PrometheusClient p = new PrometheusClient(prometheus, options.config().alerting().notificationTimeout());
            output.print(new AlertList(prometheus, p.alerts().stream()
                    .filter(a -> parsed.stream().allMatch(m -> m.matches(a.labels()))).toList()));
            return ExitCodes.OK;
        }
        AlertmanagerClient am = alertmanager.client(options);
        output.print(new AlertList(am.url(), am.alerts(parsed, silenced, inhibited)));
        return ExitCodes.OK;
    }
}
