package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.tracing.TraceQueries;
import io.perfect21.p21mon.tracing.TraceReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code p21mon traces services}: the services Jaeger knows. */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = "List the services Jaeger has traces of (/api/services). Formats: table, json, yaml.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:Jaeger down or answering garbage", "2:bad usage or configuration"})
public final class TracesServicesCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Mixin
    OutputOptions output;
    @Option(names = "--jaeger", paramLabel = "URL",
            description = "Jaeger's query API. Default: tracing.jaeger_query_url (http://localhost:16686).")
    String jaeger;

    @Override
    public Integer call() {
        output.check(TraceReports.ServiceList.class, "table");
        String url = jaeger != null ? jaeger : config.config().tracing().jaegerQueryUrl();
        output.print(TraceQueries.services(new io.perfect21.p21mon.client.JaegerClient(url, Duration.ofSeconds(30))));
        return ExitCodes.OK;
    }
}
