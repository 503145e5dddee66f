package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.audit.AuditPruner;
import io.perfect21.p21mon.audit.PruneReport;
import io.perfect21.p21mon.config.AuditConfig;
import io.perfect21.p21mon.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code p21mon audit prune}: retention and compression. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove whole day files older than --older-than (default audit.retention), recording where the "
                + "chain was cut so the rest still verifies (with their .idx, .pst and .map), and gzip closed days older "
                + "than audit.compress_after: one gzip member per 64 KiB of lines (zcat and rg -z read it as one "
                + "stream), a block map beside it (.jsonl.gz.map), the day's index kept, so queries inflate only "
                + "the blocks that hold their matches. "
                + "Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit prune --older-than 30d",
            "  p21mon audit prune --older-than 1y --dry-run",
            "  p21mon audit prune --older-than 90d --compress-after 1d"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pruned (or nothing to do)", "1:files could not be removed", "2:bad flag or configuration"})
public final class AuditPruneCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Mixin
    OutputOptions output;

    @Option(names = "--older-than", paramLabel = "AGE", description = "Remove days older than this (30d, 1y).")
    String olderThan;

    @Option(names = "--compress-after", paramLabel = "AGE", description = "Gzip closed days older than this "
            + "(default: audit.compress_after).")
    String compressAfter;

    @Option(names = "--dry-run", description = "Say what would be removed; change nothing.")
    boolean dryRun;

    @Override
    public void run() {
        output.check(PruneReport.class, "table");
        AuditConfig cfg = audit.config().config().audit();
        Duration age = olderThan != null ? parse(olderThan, "--older-than") : cfg.retention();
        if (age == null) {
            throw P21monException.usage("give --older-than AGE (or set audit.retention)");
        }
        Duration compress = compressAfter != null ? parse(compressAfter, "--compress-after") : cfg.compressAfter();
        output.print(new AuditPruner(audit.store()).prune(age, compress, dryRun, audit.progress("prune")));
    }

    private static Duration parse(String text, String flag) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw P21monException.usage(flag + ": " + e.getMessage());
        }
    }
}
