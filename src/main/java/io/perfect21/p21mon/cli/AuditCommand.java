package io.perfect21.p21mon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code p21mon audit}: the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "A tamper-evident audit log: append events, query and report them, verify the hash chain, "
                + "anchor its head off the host, import, export and prune.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit log --type user_login --user alice --action login --source-ip 10.0.0.7",
            "  p21mon audit query --user alice --since today",
            "  p21mon audit verify --anchor /srv/backup/audit-anchor.jsonl"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation ran and failed (chain broken, append failed, server down)",
            "2:bad usage or configuration"})
public final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw P21mon.missingSubcommand(spec);
    }
}
