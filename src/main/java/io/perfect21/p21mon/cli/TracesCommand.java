package io.perfect21.p21mon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon traces}: search and show traces in Jaeger, summarise the span file. */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = "Traces: list Jaeger's services and traces, show one trace as a waterfall, and summarise "
                + "operations (count, error rate, p50/p95/p99) from the span file or from Jaeger.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon traces services --jaeger http://jaeger:16686",
            "  p21mon traces list --service p21mon --min-duration 500ms --tag error=true",
            "  p21mon traces show 4bf92f3577b34da6a3ce929d0e0e4736",
            "  p21mon traces summary --file logs/traces.jsonl"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:Jaeger down or answering garbage, trace not found, span file unreadable",
            "2:bad usage or configuration"})
public final class TracesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }
}
