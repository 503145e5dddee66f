package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.JaegerClient;
import io.perfect21.p21mon.tracing.TraceQueries;
import io.perfect21.p21mon.tracing.TraceReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code p21mon traces show}: one trace as a waterfall. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one trace from Jaeger (/api/traces/ID) as a waterfall: spans indented under their parent, "
                + "bars scaled to the whole trace, durations, errors marked with !. Formats: table, json, yaml.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:trace not found, Jaeger down or answering garbage", "2:bad usage or configuration"})
public final class TracesShowCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Mixin
    OutputOptions output;
    @Option(names = "--jaeger", paramLabel = "URL",
            description = "Jaeger's query API. Default: tracing.jaeger_query_url (http://localhost:16686).")
    String jaeger;
    @Parameters(paramLabel = "TRACE_ID", description = "The trace id: up to 32 hex digits.")
    String traceId;

    @Override
    public Integer call() {
        output.check(TraceReports.Waterfall.class, "table");
        String id = traceId.strip().toLowerCase(Locale.ROOT);
        if (!id.matches("[0-9a-f]{1,32}")) {
            throw P21monException.usage("'" + traceId + "' is not a trace id (up to 32 hex digits)");
        }
        String url = jaeger != null ? jaeger : config.config().tracing().jaegerQueryUrl();
        output.print(TraceQueries.show(new JaegerClient(url, Duration.ofSeconds(30)), id));
        return ExitCodes.OK;
    }
}
