package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.Anchor;
import io.perfect21.p21mon.audit.AnchorIo;
import io.perfect21.p21mon.audit.AnchorTargets;
import io.perfect21.p21mon.audit.AuditStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code p21mon audit anchor}: export the chain's head off the host. */
@Command(name = "anchor", mixinStandardHelpOptions = true,
        description = "Export the chain's head (last seq and hash) off the host, so 'audit verify --anchor' can tell "
                + "a truncated or rewritten log: to a file (one JSON line appended), an http(s) URL (POSTed JSON), "
                + "the Pushgateway (p21_audit_head_seq), or Loki. Prints the anchor JSON on stdout.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit anchor --to /mnt/worm/audit-anchor.jsonl",
            "  p21mon audit anchor --to pushgateway --gateway http://pgw:9091",
            "  p21mon audit anchor --to https://anchor.example.com/hosts/web1",
            "  p21mon audit anchor --to loki --loki http://loki:3100"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:anchored", "1:the target could not be written or reached", "2:bad flag or configuration"})
public final class AuditAnchorCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Option(names = "--to", paramLabel = "FILE|URL|pushgateway|loki", required = true, arity = "1..*",
            description = "Where to write the anchor (repeatable).")
    List<String> targets;

    @Option(names = "--gateway", paramLabel = "URL", description = "Pushgateway URL (default: metrics.pushgateway_url).")
    String gateway;

    @Option(names = "--loki", paramLabel = "URL", description = "Loki URL for --to loki (default: audit.loki_url).")
    String loki;

    @Override
    public void run() {
        AuditStore store = audit.store();
        Anchor a = AnchorIo.head(store);
        String gw = gateway != null ? gateway : audit.config().config().metrics().pushgatewayUrl();
        for (String t : targets) {
            String where = AnchorTargets.write(a, t, audit.services().workDir(), gw,
                    loki != null ? loki : config.config().audit().lokiUrl());
            if (!audit.config().quiet()) {
                audit.mixee.commandLine().getErr().println("p21mon: anchored seq " + a.seq() + " to " + where);
            }
        }
        audit.mixee.commandLine().getOut().println(AnchorIo.json(a));
    }
}
