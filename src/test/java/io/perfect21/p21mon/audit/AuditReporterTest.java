package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit report}'s counts against an independent count of the same input: the events as the test made them,
 * grouped with plain field reads and {@link LocalDateTime} (not the reporter's formatter or its idea of "failed").
 */
class AuditReporterTest {
    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-20T00:00:00Z"));

    /** Results that count as success (SPEC: anything else is a failure); written out here, not read from the code. */
    private static final Set<String> SUCCESS = Set.of("success", "ok", "allowed", "passed", "succeeded");

    /** A group as the test counts it. */
    record Count(long count, long failed, Instant first, Instant last) {
        Count add(AuditEvent e) {
            boolean f = e.result() != null && !SUCCESS.contains(e.result());
            return new Count(count + 1, failed + (f ? 1 : 0),
                    first == null || e.timestamp().isBefore(first) ? e.timestamp() : first,
                    last == null || e.timestamp().isAfter(last) ? e.timestamp() : last);
        }
    }

    private static Map<String, Count> expected(List<AuditEvent> events, Predicate<AuditEvent> keep,
                                               Function<AuditEvent, String> key) {
        Map<String, Count> out = new TreeMap<>();
        for (AuditEvent e : events) {
            if (keep.test(e)) {
                String k = key.apply(e) == null ? "(none)" : key.apply(e);
                out.put(k, out.getOrDefault(k, new Count(0, 0, null, null)).add(e));
            }
        }
        return out;
    }

    private static Map<String, Count> actual(AuditReport r) {
        Map<String, Count> out = new TreeMap<>();
        for (AuditReport.Row row : r.rows()) {
            assertThat(out.put(row.key(), new Count(row.count(), row.failed(), row.first(), row.last())))
                    .as("one row per key: %s", row.key()).isNull();
        }
        return out;
    }

    private static AuditEvent at(Instant t, AuditEvent e) {
        return new AuditEvent(e.eventId(), t, e.host(), e.eventType(), e.level(), e.userId(), e.sessionId(), e.sourceIp(),
                e.userAgent(), e.resource(), e.action(), e.result(), e.details(), e.metadata());
    }

    @Test
    void countsPerUserTypeLevelResultHourAndDayMatchAnIndependentCount() {
        long seed = Long.getLong("audit.seed", System.nanoTime());
        Random rnd = new Random(seed);
        AuditStore store = AuditTesting.store(dir, clock);
        List<AuditEvent> events = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            List<AuditEvent> batch = AuditTesting.randomEvents(rnd, 200, clock.instant(), Duration.ofHours(23));
            Instant end = clock.instant().plus(Duration.ofHours(23).plusMinutes(30));
            batch.add(at(end, AuditEvent.of(AuditEventType.USER_ACTION, AuditLevel.INFO, null, "no user, no result")
                    .withResult(null)));
            batch.add(at(end.plusSeconds(1), AuditEvent.of(AuditEventType.USER_LOGIN, AuditLevel.INFO, "u1", "login")
                    .withResult("ok")));
            store.append(batch);
            events.addAll(batch);
            clock.advance(Duration.ofDays(1));
        }
        ZoneId zone = ZoneId.of("Asia/Kolkata"); // +05:30: an hour bucket that is not a UTC hour
        AuditReporter reporter = new AuditReporter(store, zone);
        Map<String, Function<AuditEvent, String>> dims = Map.of(
                "user", AuditEvent::userId,
                "type", AuditEvent::eventType,
                "level", AuditEvent::level,
                "result", AuditEvent::result,
                "hour", e -> {
                    LocalDateTime t = LocalDateTime.ofInstant(e.timestamp(), zone);
                    return String.format("%04d-%02d-%02d %02d:00", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
                },
                "day", e -> LocalDateTime.ofInstant(e.timestamp(), zone).toLocalDate().toString());
        Predicate<AuditEvent> failed = e -> e.result() != null && !SUCCESS.contains(e.result());
        for (Map.Entry<String, Function<AuditEvent, String>> d : dims.entrySet()) {
            for (boolean failedOnly : List.of(false, true)) {
                Predicate<AuditEvent> keep = failedOnly ? failed : e -> true;
                AuditReport r = reporter.report(AuditFilter.all(), d.getKey(), failedOnly, false);
                Map<String, Count> want = expected(events, keep, d.getValue());
                assertThat(actual(r)).as("seed %d --by %s failed-only %s", seed, d.getKey(), failedOnly).isEqualTo(want);
                assertThat(r.by()).isEqualTo(d.getKey());
                assertThat(r.total()).isEqualTo(events.stream().filter(keep).count());
                assertThat(r.failed()).isEqualTo(events.stream().filter(keep).filter(failed).count());
            }
        }
        Set<String> loginTypes = Set.of("user_login", "user_logout", "authentication");
        AuditReport logins = reporter.report(AuditFilter.all(), null, false, true);
        assertThat(logins.by()).isEqualTo("login");
        assertThat(actual(logins)).as("seed %d --logins", seed)
                .isEqualTo(expected(events, e -> loginTypes.contains(e.eventType()), AuditEvent::userId));
        // a filter narrows what is counted, the same way a query would select it
        AuditFilter bob = new AuditFilter(Set.of("u2"), null, null, null, null, null, null, null, null, null, 0);
        assertThat(actual(reporter.report(bob, "type", false, false)))
                .isEqualTo(expected(events, e -> "u2".equals(e.userId()), AuditEvent::eventType));
    }

    @Test
    void busiestGroupFirstAndTimeGroupsInTimeOrder() {
        AuditStore store = AuditTesting.store(dir, clock);
        Instant t = Instant.parse("2026-11-19T21:10:00Z");
        store.append(List.of(
                at(t, AuditEvent.of(AuditEventType.USER_LOGOUT, AuditLevel.INFO, "alice", "logout")),
                at(t.plus(Duration.ofHours(3)), AuditEvent.of(AuditEventType.USER_LOGIN, AuditLevel.INFO, "carol", "login")),
                at(t.plus(Duration.ofHours(3)), AuditEvent.of(AuditEventType.USER_LOGIN, AuditLevel.INFO, "bob", "login")
                        .withResult("failure")),
                at(t.plus(Duration.ofHours(3)), AuditEvent.of(AuditEventType.USER_LOGIN, AuditLevel.INFO, "bob", "login")
                        .withResult("denied")),
                at(t.plus(Duration.ofHours(3)), AuditEvent.of(AuditEventType.USER_LOGIN, AuditLevel.INFO, "alice", "login"))));
        AuditReporter reporter = new AuditReporter(store, ZoneId.of("UTC"));
        AuditReport byUser = reporter.report(AuditFilter.all(), "user", false, false);
        assertThat(byUser.rows()).extracting(AuditReport.Row::key, AuditReport.Row::count, AuditReport.Row::failed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple("bob", 2L, 2L),
                        org.assertj.core.groups.Tuple.tuple("carol", 1L, 0L));
        assertThat(reporter.report(AuditFilter.all(), "hour", false, false).rows()).extracting(AuditReport.Row::key)
                .containsExactly("2026-11-19 21:00", "2026-11-20 00:00");
    }
}
