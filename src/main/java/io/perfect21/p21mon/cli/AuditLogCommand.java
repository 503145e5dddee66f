package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.AuditEvent;
import io.perfect21.p21mon.audit.AuditEventType;
import io.perfect21.p21mon.audit.AuditLevel;
import io.perfect21.p21mon.audit.AuditRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code p21mon audit log}: append one event. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Append one event to the audit log; it is on disk when the command returns. Formats: table, json, jsonl, yaml (the stored record, flat as stored).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon audit log --type user_login --user alice --action login --source-ip 10.0.0.7",
            "  p21mon audit log --type config_change --user deploy --action update --resource app.yaml --detail ticket=OPS-12",
            "  p21mon audit log --type security_violation --level critical --user bob --action sudo --result blocked"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:appended", "1:could not append (disk full, unreadable directory, damaged last record)",
            "2:bad flag or configuration"})
public final class AuditLogCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Mixin
    AuditOptions audit;

    @Mixin
    OutputOptions output;

    @Option(names = "--type", required = true, paramLabel = "TYPE", completionCandidates = Completion.AuditTypes.class,
            description = "Event type, any case: user_login, data_read, ... (required)")
    String type;

    @Option(names = "--user", required = true, paramLabel = "U", description = "User id (required).")
    String user;

    @Option(names = "--action", required = true, paramLabel = "A", description = "What was done (required).")
    String action;

    @Option(names = "--resource", paramLabel = "R", description = "What it was done to.")
    String resource;

    @Option(names = "--result", paramLabel = "R", defaultValue = "success", description = "Outcome (default: ${DEFAULT-VALUE}).")
    String result;

    @Option(names = "--source-ip", paramLabel = "IP", description = "Where the request came from.")
    String sourceIp;

    @Option(names = "--user-agent", paramLabel = "UA", description = "Client user agent.")
    String userAgent;

    @Option(names = "--session", paramLabel = "S", description = "Session id.")
    String session;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "info", completionCandidates = Completion.AuditLevels.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--detail", paramLabel = "K=V", description = "A detail field (repeatable); secrets named in audit.mask_fields are masked.")
    List<String> details;

    @Override
    public void run() {
        output.check(AuditRecord.class, "table");
        Map<String, Object> d = AuditEvent.keyValues("--detail", details);
        AuditEvent e = new AuditEvent(UUID.randomUUID().toString(), null, null, AuditEventType.parse(type).value(),
                AuditLevel.parse(level).value(), user, session, sourceIp, userAgent, resource, action, result, d,
                Map.of("component", "cli"));
        AuditRecord r = audit.store().append(List.of(e)).get(0);
        output.print(r);
    }
}
