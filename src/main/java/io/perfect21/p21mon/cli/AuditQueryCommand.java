package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.audit.AuditStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code p21mon audit query}: stream matching records. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Print the records matching every given filter, oldest first, as they stream (flat memory, "
                + "rotated .gz files included). Formats: table, json, jsonl, csv, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit query --user alice --since today",
            "  p21mon audit query --type user_login --result failure --since 7d -o csv",
            "  p21mon audit query --checkpoint /var/lib/p21mon/audit.cp -o jsonl   # only what is new since the last run",
            "  p21mon audit query --level critical --follow",
            "  p21mon audit query --source-ip 203.0.113.9 --action login --result failure --since 1d",
            "  p21mon audit query --loki http://loki:3100 --type security_violation --since 1d"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (also when nothing matched)", "1:the log could not be read",
            "2:bad flag, configuration, or encryption key"})
public final class AuditQueryCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Mixin
    AuditFilterOptions filter;

    @Mixin
    OutputOptions output;

    @Option(names = "--limit", paramLabel = "N", description = "Only the newest N matches (still printed oldest first).")
    int limit;

    @Option(names = "--follow", description = "Keep printing new matching records as they are appended (Ctrl-C ends).")
    boolean follow;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Start after the record this file names, and "
            + "update it at the end (for incremental cron reports).")
    Path checkpoint;

    @Option(names = "--loki", paramLabel = "URL", arity = "0..1", fallbackValue = "",
            description = "Read from Loki with LogQL instead of the local files (default URL: audit.loki_url).")
    String loki;

    @Override
    public void run() {
        output.check(AuditStream.class, "table");
        Services s = audit.services();
        AuditStream stream = new AuditStream(audit.store(), filter.filter(s.clock()), limit, follow,
                checkpoint == null ? null : s.workDir().resolve(checkpoint), () -> false);
        if (loki != null) {
            String url = loki.isEmpty() ? config.config().audit().lokiUrl() : loki;
            if (url == null) {
                throw P21monException.usage("--loki: give a URL or set audit.loki_url");
            }
            stream.fromLoki(url);
        }
        output.print(stream);
    }
}
