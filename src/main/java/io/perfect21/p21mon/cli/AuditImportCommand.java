package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.AuditImporter;
import io.perfect21.p21mon.audit.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon audit import}: append JSON lines of events with the chain. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Append JSON lines of events (no chain fields needed) in order, chaining them as they go. Reads "
                + "the reference module's files as they are (audit-YYYY-MM-DD-HHMMSS.jsonl[.gz], naive local times, "
                + "its per-record checksum, checked: mismatches are imported and marked metadata.import_checksum). "
                + "Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit import old-logs/audit            # a directory of the reference module's files",
            "  p21mon audit import events.jsonl",
            "  zcat events.jsonl.gz | p21mon audit import -"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported every line", "1:some lines were not events (skipped, listed) or the store failed",
            "2:bad flag, configuration, or missing input"})
public final class AuditImportCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE|DIR|-", description = "Input: a JSON-lines file (.gz too), a directory, or - for stdin.")
    Path source; // a Path so that Tab completes file names; - is stdin

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of timestamps without an offset "
            + "(the reference module writes local time). Default: this system's.")
    ZoneId zone;

    @Override
    public Integer call() {
        output.check(ImportReport.class, "table");
        String src = source.toString().equals("-") ? "-" : audit.services().workDir().resolve(source).toString();
        ImportReport r = new AuditImporter(audit.store(), zone != null ? zone : ZoneId.systemDefault())
                .importFrom(src, System.in, audit.progress("import"));
        output.print(r);
        return r.rejected() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
