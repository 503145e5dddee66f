package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.AuditStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code p21mon audit reindex}: rebuild the query index of every day file (plain or gzipped) from its records. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuild the query index (audit-YYYY-MM-DD.jsonl.idx, .jsonl.gz.idx) of every day file from its "
                + "records, gzipped days included, and the block map (.jsonl.gz.map) of a gzipped day that has none. "
                + "The index only speeds up 'audit query'; it is never trusted over the records (a missing or stale "
                + "index makes queries scan), so this is safe to run at any time. 'audit verify' rebuilds stale ones too.",
        footerHeading = "%nExamples:%n",
        footer = {"  p21mon audit reindex", "  p21mon audit reindex --dir /var/lib/p21mon/audit"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:indexed", "1:a file could not be read or written", "2:bad flag or configuration"})
public final class AuditReindexCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Override
    public void run() {
        AuditStore store = audit.store();
        List<String> done = store.reindex();
        for (String name : done) {
            spec.commandLine().getOut().println("indexed " + name);
        }
        if (done.isEmpty()) {
            spec.commandLine().getOut().println("nothing to index in " + store.dir()
                    + " (no plain day files, or an encrypted store)");
        }
    }
}
