package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.client.PushgatewayClient;
import io.perfect21.p21mon.metrics.QueryTimes;
import io.perfect21.p21mon.metrics.PushService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code p21mon metrics push}: values to a Pushgateway group. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Push NAME=VALUE pairs to a Pushgateway, in the group of --job and the --label pairs (the "
                + "grouping key, in the URL path; values with '/' are sent base64url-encoded as the Pushgateway "
                + "documents). A name ending in _total is pushed as a counter, any other as a gauge.",
            "Default: POST, which replaces only the metrics with the pushed names in the group; --replace uses PUT, "
                + "which replaces the whole group."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon metrics push --job backup backup_size_bytes=1.2e9 backup_last_success_timestamp_seconds=$(date +%%s)",
            "  p21mon metrics push --gateway http://pg:9091 --job etl --label instance=db1 rows_processed_total=5000",
            "  p21mon metrics push --job nightly --replace tests_failed=0"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pushed", "1:the Pushgateway is unreachable or refused the push",
            "2:bad flag, NAME=VALUE or configuration"})
public final class MetricsPushCommand implements Runnable {
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;

    @Option(names = "--gateway", paramLabel = "URL", description = "Pushgateway base URL. Default: metrics.pushgateway_url.")
    String gateway;
    @Option(names = "--job", required = true, paramLabel = "NAME", description = "The job label of the group.")
    String job;
    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Another grouping-key label (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();
    @Option(names = "--replace", description = "PUT: replace every metric of the group, not only the pushed names.")
    boolean replace;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", description = "Whole-call timeout. Default: ${DEFAULT-VALUE}.")
    String timeout;
    @Parameters(paramLabel = "NAME=VALUE", description = "Metric values to push.")
    List<String> values = new ArrayList<>();

    @Override
    public void run() {
        output.check(PushService.PushResult.class, "table");
        String url = gateway != null ? gateway : options.config().metrics().pushgatewayUrl();
        PushgatewayClient client = new PushgatewayClient(url, QueryTimes.duration("--timeout", timeout));
        output.print(PushService.push(client, job, labels, PushService.parseValues(values), replace));
    }
}
