package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AuditQueryTest {
    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-20T00:00:00Z"));

    private static <T> Set<T> pick(Random rnd, List<T> from) {
        Set<T> s = new HashSet<>();
        int n = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            s.add(from.get(rnd.nextInt(from.size())));
        }
        return s;
    }

    /** A record as the oracle sees it: the seq the store gave, the event the test made, the line on disk. */
    record Stored(long seq, AuditEvent event, String line) {
    }

    /**
     * What a filter means, written out with plain comparisons (not the production matcher): every given criterion
     * holds, alternatives of one criterion are ORed, since inclusive, until exclusive, grep on the stored line.
     */
    static boolean oracle(AuditFilter f, Stored r) {
        AuditEvent e = r.event();
        Instant t = e.timestamp();
        return r.seq() > f.afterSeq()
                && (f.users().isEmpty() || f.users().stream().anyMatch(u -> u.equals(e.userId())))
                && (f.types().isEmpty() || f.types().stream().anyMatch(x -> x.equals(e.eventType())))
                && (f.levels().isEmpty() || f.levels().stream().anyMatch(x -> x.equals(e.level())))
                && (f.sourceIps().isEmpty() || f.sourceIps().stream().anyMatch(x -> x.equals(e.sourceIp())))
                && (f.action() == null || f.action().equals(e.action()))
                && (f.resource() == null || f.resource().equals(e.resource()))
                && (f.result() == null || f.result().equals(e.result()))
                && (f.since() == null || t.compareTo(f.since()) >= 0)
                && (f.until() == null || t.compareTo(f.until()) < 0)
                && (f.grep() == null || r.line().contains(f.grep()));
    }

    @Test
    void filtersGiveTheSameAnswersAsABruteForceScan() throws Exception {
        long seed = Long.getLong("audit.seed", System.nanoTime());
        Random rnd = new Random(seed);
        AuditStore store = AuditTesting.store(dir, clock);
        Instant start = clock.instant();
        // the oracle's input: the events as the test made them, with the seq and the line the store gave each
        List<Stored> all = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            List<AuditEvent> events = AuditTesting.randomEvents(rnd, 150, clock.instant(), Duration.ofHours(23));
            List<AuditRecord> stored = store.append(events);
            for (int i = 0; i < events.size(); i++) {
                all.add(new Stored(stored.get(i).seq(), events.get(i), null));
            }
            clock.advance(Duration.ofDays(1));
        }
        Map<Long, String> lines = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("audit-.*\\.jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    lines.put(Long.parseLong(line.substring("{\"seq\":".length(), line.indexOf(','))), line);
                }
            }
        }
        assertThat(lines).hasSize(all.size());
        all.replaceAll(r -> new Stored(r.seq(), r.event(), lines.get(r.seq())));
        AuditPruner compress = new AuditPruner(store);
        compress.prune(Duration.ofDays(3650), Duration.ofDays(2), false);
        List<String> types = List.of("user_login", "user_logout", "user_action", "system_start", "system_stop");
        List<String> levels = List.of("debug", "info", "warning", "error", "critical");
        int[] asStored = {0};
        for (int q = 0; q < 200; q++) {
            Instant since = rnd.nextInt(3) == 0 ? null : start.plusSeconds(rnd.nextInt(4 * 86400));
            Instant until = rnd.nextInt(3) == 0 ? null : start.plusSeconds(rnd.nextInt(4 * 86400));
            AuditFilter f = new AuditFilter(pick(rnd, List.of("u0", "u1", "u2", "u3", "u4", "nobody")),
                    pick(rnd, types), pick(rnd, levels),
                    rnd.nextInt(3) == 0 ? pick(rnd, List.of("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.9.9.9")) : null,
                    rnd.nextInt(4) == 0 ? "a" + rnd.nextInt(3) : null, rnd.nextInt(4) == 0 ? "r" + rnd.nextInt(4) : null,
                    rnd.nextInt(4) == 0 ? List.of("success", "failure", "error").get(rnd.nextInt(3)) : null,
                    since, until, rnd.nextInt(6) == 0 ? "x,\\\"y\\\"" : rnd.nextInt(6) == 0 ? "10.0.0.1" : null,
                    rnd.nextInt(5) == 0 ? rnd.nextInt(600) : 0);
            int limit = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(20) : 0;
            List<Long> expected = all.stream().filter(r -> oracle(f, r)).map(Stored::seq).toList();
            if (limit > 0 && expected.size() > limit) {
                expected = expected.subList(expected.size() - limit, expected.size());
            }
            List<Long> got = new ArrayList<>();
            new AuditQuery(store).run(AuditQuery.Request.of(f).newest(limit), r -> got.add(r.seq()));
            assertThat(got).as("seed %d query %d: %s limit %d", seed, q, f, limit).isEqualTo(expected);
            // a sink that prints stored lines (-o jsonl) gets the same records, as stored, matched on their bytes
            List<String> printed = new ArrayList<>();
            new AuditQuery(store).run(AuditQuery.Request.of(f).newest(limit), new AuditSink() {
                @Override
                public void accept(AuditRecord r) {
                    printed.add(AuditJson.line(r));
                }

                @Override
                public StoredLines storedLines() {
                    return (b, s, e) -> {
                        printed.add(new String(b, s, e - s, java.nio.charset.StandardCharsets.UTF_8));
                        asStored[0]++;
                    };
                }
            });
            assertThat(printed).as("seed %d query %d: %s limit %d, as lines", seed, q, f, limit)
                    .isEqualTo(expected.stream().map(lines::get).toList());
        }
        assertThat(asStored[0]).as("lines handed over as stored").isGreaterThan(100);
    }

    @Test
    void timesAcceptIsoAgesAndAusearchWords() {
        FakeClock c = new FakeClock(Instant.parse("2026-11-25T15:30:00Z")); // a Wednesday
        assertThat(AuditTimes.parse("today", c, "--since")).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(AuditTimes.parse("yesterday", c, "--since")).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(AuditTimes.parse("this-week", c, "--since")).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(AuditTimes.parse("week-ago", c, "--since")).isEqualTo(Instant.parse("2026-11-18T00:00:00Z"));
        assertThat(AuditTimes.parse("this-month", c, "--since")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(AuditTimes.parse("this-year", c, "--since")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(AuditTimes.parse("recent", c, "--since")).isEqualTo(Instant.parse("2026-11-25T15:20:00Z"));
        assertThat(AuditTimes.parse("now", c, "--since")).isEqualTo(c.instant());
        assertThat(AuditTimes.parse("2h", c, "--since")).isEqualTo(Instant.parse("2026-11-25T13:30:00Z"));
        assertThat(AuditTimes.parse("7d", c, "--since")).isEqualTo(Instant.parse("2026-11-18T15:30:00Z"));
        assertThat(AuditTimes.parse("2026-11-23", c, "--since")).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(AuditTimes.parse("2026-11-23T10:00:00+02:00", c, "--since")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditTimes.parse("last tuesday", c, "--since"))
                .hasMessageContaining("--since 'last tuesday'");
    }

    @Test
    void followPrintsRecordsAppendedLater() throws Exception {
        AuditStore store = AuditTesting.store(dir, clock);
        store.append(List.of(AuditTesting.event(1)));
        List<Long> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = new Thread(() -> new AuditQuery(store).pollEvery(20).run(AuditQuery.Request.of(AuditFilter.all()).following(stop::get),
                r -> got.add(r.seq())));
        t.start();
        Thread.sleep(100);
        AuditTesting.store(dir, clock).append(List.of(AuditTesting.event(2), AuditTesting.event(3)));
        clock.advance(Duration.ofDays(1));
        AuditTesting.store(dir, clock).append(List.of(AuditTesting.event(4)));
        long deadline = System.currentTimeMillis() + 60_000; // waits only until it holds; a busy machine may be slow
        while (got.size() < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        t.join(60_000);
        assertThat(got).containsExactly(1L, 2L, 3L, 4L);
    }
}
