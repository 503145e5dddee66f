package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@code audit report}: streams the matching records once and counts them per group (memory grows with the
 * number of groups, not records). A record "failed" when its result is anything but success/ok/allowed/passed.
 * {@code logins} keeps login, logout and authentication events and groups them by user (aureport -l).
 */
public final class AuditReporter {
    private static final Set<String> SUCCESS = Set.of("success", "ok", "allowed", "passed", "succeeded");
    private static final Set<String> LOGIN_TYPES = Set.of("user_login", "user_logout", "authentication");
    private final AuditStore store;
    private final ZoneId zone;

    public AuditReporter(AuditStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    public static boolean failed(AuditEvent e) {
        return e.result() != null && !SUCCESS.contains(e.result().toLowerCase(java.util.Locale.ROOT));
    }

    /** What a report can count by ({@code audit report --by}). */
    public static final List<String> DIMENSIONS = List.of("user", "type", "level", "result", "hour", "day");

    public AuditReport report(AuditFilter filter, String by, boolean failedOnly, boolean logins) {
        String dim = logins && by == null ? "user" : by == null ? "type" : by;
        if (!DIMENSIONS.contains(dim)) {
            throw P21monException.usage("--by " + by + ": one of " + String.join(", ", DIMENSIONS));
        }
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd");
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Instant[]> times = new HashMap<>();
        long[] total = new long[2];
        new AuditQuery(store).run(AuditQuery.Request.of(filter), r -> {
            AuditEvent e = r.event();
            boolean failed = failed(e);
            if ((failedOnly && !failed) || (logins && !LOGIN_TYPES.contains(e.eventType()))) {
                return;
            }
            String key = switch (dim) {
                case "user" -> e.userId();
                case "level" -> e.level();
                case "result" -> e.result();
                case "hour" -> e.timestamp() == null ? null : ZonedDateTime.ofInstant(e.timestamp(), zone).format(hour);
                case "day" -> e.timestamp() == null ? null : ZonedDateTime.ofInstant(e.timestamp(), zone).format(day);
                default -> e.eventType();
            };
            key = key == null ? "(none)" : key;
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            total[0]++;
            if (failed) {
                c[1]++;
                total[1]++;
            }
            Instant[] t = times.computeIfAbsent(key, k -> new Instant[2]);
            if (e.timestamp() != null) {
                if (t[0] == null || e.timestamp().isBefore(t[0])) {
                    t[0] = e.timestamp();
                }
                if (t[1] == null || e.timestamp().isAfter(t[1])) {
                    t[1] = e.timestamp();
                }
            }
        });
        List<AuditReport.Row> rows = new ArrayList<>();
        counts.forEach((k, c) -> rows.add(new AuditReport.Row(k, c[0], c[1], times.get(k)[0], times.get(k)[1])));
        if (dim.equals("hour") || dim.equals("day")) {
            rows.sort(Comparator.comparing(AuditReport.Row::key));
        } else {
            rows.sort(Comparator.comparingLong(AuditReport.Row::count).reversed().thenComparing(AuditReport.Row::key));
        }
        return new AuditReport(logins ? "login" : dim, filter.since(), filter.until(), total[0], total[1], rows);
    }
}
