package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.audit.AuditEventType;
import io.perfect21.p21mon.audit.AuditFilter;
import io.perfect21.p21mon.audit.AuditLevel;
import io.perfect21.p21mon.audit.AuditTimes;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** The selection flags of {@code audit query}, {@code report} and {@code export}; all given ones must hold. */
public final class AuditFilterOptions {
    @Option(names = "--user", paramLabel = "U", description = "Only this user (repeatable: any of them).")
    List<String> users;

    @Option(names = "--type", paramLabel = "TYPE", completionCandidates = Completion.AuditTypes.class,
            description = "Only this event type, any case (repeatable).")
    List<String> types;

    @Option(names = "--level", paramLabel = "LEVEL", completionCandidates = Completion.AuditLevels.class,
            description = "Only this level (repeatable).")
    List<String> levels;

    @Option(names = "--source-ip", paramLabel = "IP", description = "Only this source IP, as stored (repeatable: any "
            + "of them; for part of an address use --grep).")
    List<String> sourceIps;

    @Option(names = "--action", paramLabel = "A", description = "Only this action.")
    String action;

    @Option(names = "--resource", paramLabel = "R", description = "Only this resource.")
    String resource;

    @Option(names = "--result", paramLabel = "R", description = "Only this result (success, failure, ...).")
    String result;

    @Option(names = "--since", paramLabel = "T", description = "From this time (inclusive): ISO-8601, an age (2h, 7d), "
            + "or now, recent, today, yesterday, this-week, week-ago, this-month, this-year.")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Before this time (exclusive), same forms as --since.")
    String until;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only records whose JSON line contains TEXT.")
    String grep;

    public AuditFilter filter(Clock clock) {
        return new AuditFilter(users == null ? null : Set(users),
                types == null ? null : types.stream().map(t -> AuditEventType.parse(t).value()).collect(Collectors.toSet()),
                levels == null ? null : levels.stream().map(l -> AuditLevel.parse(l).value()).collect(Collectors.toSet()),
                sourceIps == null ? null : Set(sourceIps), action, resource, result, AuditTimes.parse(since, clock, "--since"),
                AuditTimes.parse(until, clock, "--until"), grep, 0);
    }

    private static java.util.Set<String> Set(List<String> l) {
        return new java.util.HashSet<>(l);
    }
}
