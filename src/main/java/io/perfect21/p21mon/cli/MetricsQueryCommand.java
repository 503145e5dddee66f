package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.client.PrometheusClient;
import io.perfect21.p21mon.client.QueryResult;
import io.perfect21.p21mon.metrics.QueryTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code p21mon metrics query}: PromQL against any Prometheus API. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run an instant query, or a range query with --range, against any Prometheus-API server "
                + "(Prometheus, Thanos, Mimir, VictoriaMetrics). The server's own error (errorType: error) is shown "
                + "as it is.",
            "Formats (-o): table, json, yaml, csv, plot (--plot: a terminal line chart of a range query)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon metrics query up",
            "  p21mon metrics query 'p21_host_load1' --time 2026-11-24T10:00:00Z -o json",
            "  p21mon metrics query 'rate(p21_host_cpu_seconds_total{mode=\"user\"}[1m])' --range 1h --step 30s --plot",
            "  p21mon metrics query up --prometheus http://thanos:10902 -o csv"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the query ran", "1:the server is unreachable, slow, answered garbage or rejected the query",
            "2:bad flag or configuration"})
public final class MetricsQueryCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;
    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "PROMQL", description = "The PromQL expression.")
    String promql;
    @Option(names = "--prometheus", paramLabel = "URL", description = "Base URL of the API. Default: metrics.prometheus_url.")
    String prometheus;
    @Option(names = "--time", paramLabel = "TIME",
            description = "Evaluation time (instant) or end (range): RFC 3339, Unix seconds, or 'now'. Default: now.")
    String time;
    @Option(names = "--range", paramLabel = "DURATION", description = "Run a range query over this long, ending at --time (e.g. 1h).")
    String range;
    @Option(names = "--step", paramLabel = "DURATION", description = "Range query resolution. Default: range / 120, at least 1s.")
    String step;
    @Option(names = "--plot", description = "Draw the range result as a line chart (same as -o plot).")
    boolean plot;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", description = "Whole-call timeout. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public void run() {
        String format = plot ? "plot" : output.format("table");
        output.check(QueryResult.class, format);
        QueryTimes times = QueryTimes.of(time, range, step, P21mon.services(spec).clock(), plot || "plot".equals(format));
        String url = prometheus != null ? prometheus : options.config().metrics().prometheusUrl();
        PrometheusClient client = new PrometheusClient(url, QueryTimes.duration("--timeout", timeout));
        QueryResult result = times.isRange() ? client.queryRange(promql, times.start(), times.end(), times.step())
                : client.query(promql, times.end());
        result.warnings().forEach(w -> spec.commandLine().getErr().println("p21mon: warning from the server: " + w));
        output.print(result, format);
    }
}
