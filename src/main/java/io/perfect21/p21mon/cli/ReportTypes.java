package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.alerts.AlertEvaluator;
import io.perfect21.p21mon.alerts.AlertList;
import io.perfect21.p21mon.alerts.Notifier;
import io.perfect21.p21mon.alerts.RuleWriter;
import io.perfect21.p21mon.alerts.SilenceList;
import io.perfect21.p21mon.audit.AuditRecord;
import io.perfect21.p21mon.audit.AuditReport;
import io.perfect21.p21mon.audit.AuditStream;
import io.perfect21.p21mon.audit.ImportReport;
import io.perfect21.p21mon.audit.PruneReport;
import io.perfect21.p21mon.audit.VerifyReport;
import io.perfect21.p21mon.cli.render.Renderers;
import io.perfect21.p21mon.client.QueryResult;
import io.perfect21.p21mon.dashboards.DiffReport;
import io.perfect21.p21mon.dashboards.GenerateReport;
import io.perfect21.p21mon.dashboards.PushReport;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthService;
import io.perfect21.p21mon.metrics.MetricsReport;
import io.perfect21.p21mon.metrics.PushService;
import io.perfect21.p21mon.stack.StackConfigReport;
import io.perfect21.p21mon.stack.StackDownReport;
import io.perfect21.p21mon.stack.StackStatus;
import io.perfect21.p21mon.stack.StackUpReport;
import io.perfect21.p21mon.stack.StackVerifyReport;
import io.perfect21.p21mon.tracing.TraceReports;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result types each command prints with {@code -o}: the one list that {@link OutputOptions#check} holds a command
 * to and that completion offers the formats of ({@link Renderers#formats} of each type), so the formats a command
 * accepts and those Tab offers cannot drift apart. A command that prints a new type adds it here; until it does,
 * {@code check} fails as the programming error it is. A switch rather than a map: only the branch a run takes loads
 * its classes (start-up time).
 */
final class ReportTypes {
    private ReportTypes() {
    }

    /** The result types of the command, by its name under the root ({@code alerts silence list}); none if unknown. */
    static List<Class<?>> of(String command) {
        return switch (command) {
            case "health" -> List.of(HealthReport.class, HealthService.CheckList.class);
            case "config show" -> List.of(com.fasterxml.jackson.databind.JsonNode.class);
            case "metrics show" -> List.of(MetricsReport.class);
            case "metrics push" -> List.of(PushService.PushResult.class);
            case "metrics query" -> List.of(QueryResult.class);
            case "audit log" -> List.of(AuditRecord.class);
            case "audit query" -> List.of(AuditStream.class);
            case "audit report" -> List.of(AuditReport.class);
            case "audit verify" -> List.of(VerifyReport.class);
            case "audit import" -> List.of(ImportReport.class);
            case "audit prune" -> List.of(PruneReport.class);
            case "alerts rules" -> List.of(RuleWriter.RulesReport.class);
            case "alerts eval" -> List.of(AlertEvaluator.EvalReport.class);
            case "alerts list" -> List.of(AlertList.class);
            case "alerts fire", "alerts notify-test" -> List.of(Notifier.Outcome.class);
            case "alerts silence list" -> List.of(SilenceList.class);
            case "dashboards generate", "dashboards validate" -> List.of(GenerateReport.class);
            case "dashboards push" -> List.of(PushReport.class, DiffReport.class);
            case "stack config" -> List.of(StackConfigReport.class);
            case "stack up" -> List.of(StackUpReport.class);
            case "stack status" -> List.of(StackStatus.class);
            case "stack verify" -> List.of(StackVerifyReport.class);
            case "stack down" -> List.of(StackDownReport.class);
            case "traces services" -> List.of(TraceReports.ServiceList.class);
            case "traces list" -> List.of(TraceReports.TraceList.class);
            case "traces show" -> List.of(TraceReports.Waterfall.class);
            case "traces summary" -> List.of(TraceReports.TraceSummary.class);
            default -> List.of();
        };
    }

    /** The command's name under the root: {@code p21mon alerts silence list} is {@code alerts silence list}. */
    static String name(CommandSpec command) {
        String qualified = command.qualifiedName(" ");
        String root = command.root().name();
        return qualified.equals(root) ? "" : qualified.substring(root.length() + 1);
    }

    /** Every format the command's results can be printed in, in the order {@link Renderers#formats} gives them. */
    static List<String> formats(String command) {
        Set<String> formats = new LinkedHashSet<>();
        of(command).forEach(type -> formats.addAll(Renderers.formats(type)));
        return List.copyOf(formats);
    }

    /** Fails (a programming error, not a user's) when the command prints a type it does not declare here. */
    static void requireDeclared(CommandSpec command, Class<?> resultType) {
        String name = name(command);
        if (!of(name).contains(resultType)) {
            throw new IllegalStateException("'" + command.qualifiedName() + "' prints " + resultType.getName()
                    + ", which ReportTypes.of(\"" + name + "\") does not list: add it there (completion of -o reads it)");
        }
    }
}
