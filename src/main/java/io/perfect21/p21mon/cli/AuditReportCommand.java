package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.AuditReport;
import io.perfect21.p21mon.audit.AuditReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code p21mon audit report}: aureport-style summaries. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Summarise the selected records: counts (and failures) per user, type, level, result, hour or "
                + "day. Formats: table, json, yaml, csv.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit report --since today",
            "  p21mon audit report --by user --failed --since 7d",
            "  p21mon audit report --logins --since this-week",
            "  p21mon audit report --by hour --since yesterday --until today -o csv"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:the log could not be read", "2:bad flag or configuration"})
public final class AuditReportCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Mixin
    AuditFilterOptions filter;

    @Mixin
    OutputOptions output;

    @Option(names = "--by", paramLabel = "DIM", completionCandidates = Completion.ReportDimensions.class,
            description = "${COMPLETION-CANDIDATES} (default: type).")
    String by;

    @Option(names = "--failed", description = "Count only records whose result is not success.")
    boolean failed;

    @Option(names = "--logins", description = "Login, logout and authentication events per user.")
    boolean logins;

    @Override
    public void run() {
        output.check(AuditReport.class, "table");
        Services s = audit.services();
        output.print(new AuditReporter(audit.store(), s.clock().getZone())
                .report(filter.filter(s.clock()), by, failed, logins));
    }
}
