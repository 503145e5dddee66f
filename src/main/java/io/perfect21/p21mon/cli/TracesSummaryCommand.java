package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.tracing.TraceQueries;
import io.perfect21.p21mon.tracing.TraceReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code p21mon traces summary}: per-operation statistics from the span file or from Jaeger. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Per operation: span count, errors, error rate, p50/p95/p99 and max duration (the seed's "
                + "get_trace_summary). From the span file (--file, default tracing.file_output), or from Jaeger "
                + "with --service (and --jaeger). Corrupt span-file lines are skipped and reported on stderr.",
            "The last line says how many spans of how many jobs (run spans) it saw, and at what sampling ratio: "
                + "the ratio keeps a share of the jobs; with tracing.keep_errors every failed one is kept, so error "
                + "rates read high under a small ratio.",
            "Formats: table, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon traces summary --file logs/traces.jsonl",
            "  p21mon traces summary --jaeger http://jaeger:16686 --service checkout --lookback 24h -o json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the span file missing or unreadable, Jaeger down or answering garbage", "2:bad usage or configuration"})
public final class TracesSummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;
    @Mixin
    OutputOptions output;
    @Mixin
    JaegerOptions jaeger;
    @Option(names = "--file", paramLabel = "FILE", description = "The JSONL span file. Default: tracing.file_output.")
    Path file;
    @Option(names = "--service", paramLabel = "NAME", description = "Summarise this service's traces in Jaeger.")
    String service;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "200",
            description = "At most N traces from Jaeger (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        output.check(TraceReports.TraceSummary.class, "table");
        Services s = P21mon.services(spec);
        TraceReports.TraceSummary summary;
        if (service != null || jaeger.jaegerGiven()) {
            if (file != null || service == null) {
                throw P21monException.usage(file != null ? "give --file or --jaeger/--service, not both"
                        : "--jaeger needs --service (see 'traces services')");
            }
            summary = TraceQueries.summary(jaeger.client(config), jaeger.query(service, limit, s.clock().instant()),
                    configuredSampling());
        } else {
            String configured = config.config().tracing().fileOutput();
            if (file == null && configured == null) {
                throw P21monException.usage("no span file: give --file, set tracing.file_output, or use --service for Jaeger");
            }
            summary = TraceQueries.summary(s.workDir().resolve(file != null ? file : Path.of(configured)), file == null,
                    configuredSampling());
        }
        summary.skipped().stream().limit(10).forEach(l -> spec.commandLine().getErr().println("p21mon: skipped " + l));
        if (summary.skipped().size() > 10) {
            spec.commandLine().getErr().println("p21mon: … and " + (summary.skipped().size() - 10) + " more skipped line(s)");
        }
        output.print(summary);
        return ExitCodes.OK;
    }

    /** What this configuration samples, said when the spans do not carry it (written before p21mon recorded it). */
    private TraceReports.Sampling configuredSampling() {
        var tracing = config.config().tracing();
        return new TraceReports.Sampling(List.of(tracing.samplingRate()), tracing.keepErrors(), true);
    }
}
