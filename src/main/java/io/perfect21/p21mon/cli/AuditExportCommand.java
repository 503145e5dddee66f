package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.AuditExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code p21mon audit export}: the log as JSON lines, decrypted. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the selected records as JSON lines (decrypted, in the stored field order) to stdout or "
                + "to a file (written whole, then renamed into place). 'audit import' reads them back.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit export --since this-month --out audit-2026-11.jsonl",
            "  p21mon audit export --no-chain | gzip > events.jsonl.gz",
            "  p21mon audit export --user alice --type data_delete"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:exported", "1:the log could not be read or the file written", "2:bad flag or configuration"})
public final class AuditExportCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Mixin
    AuditFilterOptions filter;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path out;

    @Option(names = "--no-chain", description = "Leave out seq, prev and hash.")
    boolean noChain;

    @Override
    public void run() {
        Services s = audit.services();
        long n = new AuditExporter(audit.store()).export(filter.filter(s.clock()), !noChain,
                out == null ? null : s.workDir().resolve(out), audit.mixee.commandLine().getOut(),
                audit.progress("export"));
        if (out != null && !audit.config().quiet()) {
            audit.mixee.commandLine().getErr().println("p21mon: exported " + n + " records to " + out);
        }
    }
}
