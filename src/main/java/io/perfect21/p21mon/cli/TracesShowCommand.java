package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.JaegerClient;
import io.perfect21.p21mon.tracing.TraceQueries;
import io.perfect21.p21mon.tracing.TraceReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code p21mon traces show}: one trace as a waterfall, from Jaeger or the span file. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one trace as a waterfall: one line per span, indented under its parent, a bar scaled to the "
                + "whole trace, duration in ms, errors marked with !. Formats: table, json, yaml.",
            "From Jaeger (/api/traces/ID) when it answers with the trace; else, when tracing.file_output is set, from "
                + "the span file (a note on stderr says why). --file reads only the span file, --jaeger only Jaeger. "
                + "The last line names the source that answered."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon traces show 4bf92f3577b34da6a3ce929d0e0e4736",
            "  p21mon traces show 4bf92f3577b34da6a3ce929d0e0e4736 --file logs/traces.jsonl"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:trace not found, Jaeger down or answering garbage, span file unreadable",
            "2:bad usage or configuration"})
public final class TracesShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;
    @Mixin
    OutputOptions output;
    @Option(names = "--jaeger", paramLabel = "URL",
            description = "Jaeger's query API, and only it. Default: tracing.jaeger_query_url (http://localhost:16686).")
    String jaeger;
    @Option(names = "--file", paramLabel = "FILE", description = "Read the trace from this JSONL span file only.")
    Path file;
    @Parameters(paramLabel = "TRACE_ID", description = "The trace id: up to 32 hex digits.")
    String traceId;

    @Override
    public Integer call() {
        output.check(TraceReports.Waterfall.class, "table");
        String id = traceId.strip().toLowerCase(Locale.ROOT);
        if (!id.matches("[0-9a-f]{1,32}")) {
            throw P21monException.usage("'" + traceId + "' is not a trace id (up to 32 hex digits)");
        }
        if (file != null && jaeger != null) {
            throw P21monException.usage("give --file or --jaeger, not both");
        }
        Path workDir = P21mon.services(spec).workDir();
        String spanFile = config.config().tracing().fileOutput();
        String url = jaeger != null ? jaeger : config.config().tracing().jaegerQueryUrl();
        if (file != null) {
            output.print(TraceQueries.show(workDir.resolve(file), false, id));
        } else if (jaeger != null || spanFile == null) {
            output.print(TraceQueries.show(new JaegerClient(url, Duration.ofSeconds(30)), id));
        } else {
            TraceReports.Waterfall w;
            try {
                w = TraceQueries.show(new JaegerClient(url, Duration.ofSeconds(5)), id);
            } catch (P21monException e) {
                spec.commandLine().getErr().println("p21mon: traces show: " + e.getMessage() + "; reading the span file");
                w = TraceQueries.show(workDir.resolve(spanFile), true, id);
            }
            output.print(w);
        }
        return ExitCodes.OK;
    }
}
