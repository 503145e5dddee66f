package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.Anchor;
import io.perfect21.p21mon.audit.AuditStore;
import io.perfect21.p21mon.audit.AuditVerifier;
import io.perfect21.p21mon.audit.VerifyReport;
import io.perfect21.p21mon.audit.AnchorTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code p21mon audit verify}: check the chain. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the hash chain of the whole log and name the first bad record (file, line, seq, verdict, "
                + "expected and actual). With --anchor, also check that the log reaches the anchored head "
                + "(completeness, reported apart from integrity). Formats: table, json, yaml.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit verify",
            "  p21mon audit verify --anchor /mnt/backup/audit-anchor.jsonl",
            "  p21mon audit verify --anchor pushgateway --gateway http://pgw:9091",
            "  p21mon audit verify -o json | jq .problem"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:intact (and complete, with --anchor)", "1:broken, or short of the anchor",
            "2:bad flag or configuration (missing or wrong encryption key)"})
public final class AuditVerifyCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Mixin
    OutputOptions output;

    @Option(names = "--anchor", paramLabel = "FILE|URL|pushgateway|loki",
            description = "An anchor written by 'audit anchor': a file (its last line), an http(s) URL answering the "
                    + "anchor JSON, 'pushgateway' (metrics.pushgateway_url or --gateway), or 'loki' (audit.loki_url).")
    String anchor;

    @Option(names = "--gateway", paramLabel = "URL", description = "Pushgateway for --anchor pushgateway.")
    String gateway;

    @Override
    public Integer call() {
        output.check(VerifyReport.class, "table");
        AuditStore store = audit.store();
        Anchor a = anchor == null ? null : "loki".equals(anchor)
                ? AnchorTargets.readLoki(config.config().audit().lokiUrl(), store.host(), audit.services().clock().instant())
                : AnchorTargets.read(anchor, audit.services().workDir(),
                gateway != null ? gateway : config.config().metrics().pushgatewayUrl(), store.host());
        VerifyReport r = new AuditVerifier(store).verify(a, audit.progress("verify"));
        output.print(r);
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
