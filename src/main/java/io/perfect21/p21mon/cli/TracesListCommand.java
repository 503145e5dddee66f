package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.tracing.TraceQueries;
import io.perfect21.p21mon.tracing.TraceReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code p21mon traces list}: search Jaeger's traces. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Search Jaeger's traces of a service (/api/traces), newest first: root span, start, duration, "
                + "span and error counts. Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon traces list --service checkout --lookback 6h --min-duration 500ms --tag error=true"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:Jaeger down or answering garbage", "2:bad usage or configuration"})
public final class TracesListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;
    @Mixin
    OutputOptions output;
    @Mixin
    JaegerOptions jaeger;
    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service (see 'traces services').")
    String service;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N traces (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        output.check(TraceReports.TraceList.class, "table");
        var query = jaeger.query(service, limit, P21mon.services(spec).clock().instant());
        output.print(TraceQueries.list(jaeger.client(config), query));
        return ExitCodes.OK;
    }
}
