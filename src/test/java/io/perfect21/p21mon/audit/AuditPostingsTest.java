package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The postings segments ({@link AuditPostings}) with small segments (16 and 128 entries) so that a few hundred
 * records make several of each: index answers equal a full scan on random stores and predicates, after torn, stale
 * and damaged postings, after crashes of the index, and after {@code audit prune}.
 */
class AuditPostingsTest {
    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-20T00:00:00Z"));
    private int was;

    @BeforeEach
    void smallSegments() {
        was = AuditPostings.base;
        AuditPostings.base = 16;
    }

    @AfterEach
    void restore() {
        AuditPostings.base = was;
    }

    private static Path day(Path dir) {
        return dir.resolve("audit-2026-11-20.jsonl");
    }

    static List<Long> byScan(AuditStore store, AuditFilter f) {
        List<Long> out = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(AuditFilter.all()), r -> {
            if (f.matches(r)) {
                out.add(r.seq());
            }
        });
        return out;
    }

    static AuditFilter randomFilter(Random rnd, Instant start) {
        Set<String> users = values(rnd, "u", 6);
        Set<String> types = new HashSet<>();
        if (rnd.nextInt(3) == 0) {
            AuditEventType[] t = AuditEventType.values();
            types.add(t[rnd.nextInt(6)].value());
            if (rnd.nextBoolean()) {
                types.add(t[rnd.nextInt(6)].value());
            }
        }
        Set<String> levels = new HashSet<>();
        if (rnd.nextInt(3) == 0) {
            AuditLevel[] l = AuditLevel.values();
            levels.add(l[rnd.nextInt(l.length)].value());
        }
        String[] results = {"success", "failure", "error", "blocked", "nope"};
        String result = rnd.nextInt(3) == 0 ? results[rnd.nextInt(results.length)] : null;
        Instant since = rnd.nextInt(3) == 0 ? start.plusSeconds(rnd.nextInt(30 * 3600)) : null;
        Instant until = rnd.nextInt(3) == 0 ? start.plusSeconds(rnd.nextInt(30 * 3600)) : null;
        long after = rnd.nextInt(4) == 0 ? rnd.nextInt(600) : 0;
        // randomEvents has source ips 10.0.0.0-2, resources r0-3, actions a0-2: the last of each is absent
        Set<String> ips = rnd.nextInt(3) == 0 ? values(rnd, "10.0.0.", 4) : Set.of();
        String resource = rnd.nextInt(4) == 0 ? "r" + rnd.nextInt(5) : null;
        String action = rnd.nextInt(4) == 0 ? "a" + rnd.nextInt(4) : null;
        return new AuditFilter(users, types, levels, ips, action, resource, result, since, until, null, after);
    }

    private static Set<String> values(Random rnd, String prefix, int n) {
        Set<String> out = new HashSet<>();
        int k = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(2);
        for (int i = 0; i < k; i++) {
            out.add(prefix + rnd.nextInt(n));
        }
        return out;
    }

    private void assertAgrees(AuditStore store, Random rnd, int filters) {
        for (int i = 0; i < filters; i++) {
            AuditFilter f = randomFilter(rnd, clock.instant());
            assertThat(AuditIndexTest.query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
    }

    /** The segment sizes of a day's postings, in file order (checked against the index). */
    private static List<Integer> segments(Path dayFile) throws IOException {
        try (FileChannel ix = AuditIndex.open(dayFile)) {
            List<Integer> out = new ArrayList<>();
            for (AuditPostings.Segment s : AuditPostings.read(dayFile, new AuditIndex.Entries(ix))) {
                out.add(s.count);
            }
            return out;
        }
    }

    @Test
    void indexAnswersEqualAFullScanOnRandomStoresAndPredicates() throws IOException {
        Random rnd = new Random(2411);
        for (int round = 0; round < 6; round++) {
            Path d = dir.resolve("r" + round);
            AuditStore store = AuditTesting.store(d, clock);
            int total = 0;
            for (int batch = 0, n = 1 + rnd.nextInt(6); batch < n; batch++) {
                int k = rnd.nextInt(150);
                store.append(AuditTesting.randomEvents(rnd, k, clock.instant().plusSeconds(total * 60L),
                        Duration.ofMinutes(k)));
                total += k;
            }
            if (total == 0) {
                continue;
            }
            // the layout: largest segments first, whole units of 16 entries only, the rest probed
            int units = total / 16;
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < units / 8; i++) {
                expected.add(128);
            }
            for (int i = 0; i < units % 8; i++) {
                expected.add(16);
            }
            assertThat(segments(day(d))).as("round %d, %d records", round, total).isEqualTo(expected);
            assertAgrees(store, rnd, 60);
            byte[] before = Files.exists(AuditPostings.of(day(d))) ? Files.readAllBytes(AuditPostings.of(day(d))) : null;
            store.reindex();
            assertThat(Files.exists(AuditPostings.of(day(d)))).isEqualTo(before != null);
            if (before != null) {
                assertThat(Files.readAllBytes(AuditPostings.of(day(d)))).as("a rebuild gives the same bytes").isEqualTo(before);
            }
        }
    }

    @Test
    void theRadixSortOfABuildOrdersAsArraysSort() {
        Random rnd = new Random(1207);
        for (int round = 0; round < 50; round++) {
            int n = rnd.nextInt(3000);
            int distinct = 1 + rnd.nextInt(round % 2 == 0 ? 8 : 100_000); // few values (a level) or many (a user)
            int[] values = new int[distinct];
            for (int d = 0; d < distinct; d++) {
                values[d] = round % 3 == 0 ? (short) rnd.nextInt() : rnd.nextInt(); // 16-bit hashes sign-extend
            }
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = (values[rnd.nextInt(distinct)] & 0xFFFFFFFFL) << 29 | i;
            }
            long[] expected = v.clone();
            java.util.Arrays.sort(expected);
            AuditPostings.sortByHash(v, new long[n], n);
            assertThat(v).as("round %d, %d values of %d", round, n, distinct).isEqualTo(expected);
        }
    }

    @Test
    void threeSizesOfSegmentsTierAsTheRecordsComeAndStillAgreeWithAScan() throws IOException {
        AuditPostings.base = 2; // sizes 2, 16 and 128 (base, base * 8, base * 64)
        Random rnd = new Random(807);
        AuditStore store = AuditTesting.store(dir, clock);
        int total = 0;
        for (int batch = 0; batch < 12; batch++) {
            int k = 1 + rnd.nextInt(60);
            store.append(AuditTesting.randomEvents(rnd, k, clock.instant().plusSeconds(total * 60L),
                    Duration.ofMinutes(k)));
            total += k;
            List<Integer> expected = new ArrayList<>();
            int left = total - total % 2;
            for (int size : new int[] {128, 16, 2}) {
                for (; left >= size; left -= size) {
                    expected.add(size);
                }
            }
            assertThat(segments(day(dir))).as("%d records", total).isEqualTo(expected);
            assertAgrees(store, rnd, 20);
        }
        assertThat(segments(day(dir))).as("all three sizes were reached").contains(128, 16);
        byte[] before = Files.readAllBytes(AuditPostings.of(day(dir)));
        store.reindex();
        assertThat(Files.readAllBytes(AuditPostings.of(day(dir)))).as("a rebuild gives the same bytes").isEqualTo(before);
    }

    @Test
    void aLookupReadsOnlyTheLinesItsPostingsAndTimeIndexName() {
        AuditStore store = AuditTesting.store(dir, clock);
        List<AuditRecord> all = store.append(AuditTesting.randomEvents(new Random(5), 1000, clock.instant(),
                Duration.ofHours(20)));
        AuditQuery q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(new AuditFilter(Set.of("nobody"), null, null, null, null, null, null, null, null, null, 0)),
                r -> { });
        assertThat(q.scanned()).as("no key, no line read").isZero();
        assertThat(q.lastSeq()).isEqualTo(all.size());
        for (AuditFilter absent : List.of(
                new AuditFilter(null, null, null, null, "nope", null, null, null, null, null, 0),
                new AuditFilter(null, null, null, null, null, "nope", null, null, null, null, 0),
                new AuditFilter(null, null, null, Set.of("10.9.9.9", "10.0.0.9"), null, null, null, null, null, null, 0),
                new AuditFilter(Set.of("u1"), null, null, null, "a1", "r9", null, null, null, null, 0))) {
            q = new AuditQuery(store);
            List<AuditRecord> got = new ArrayList<>();
            q.run(AuditQuery.Request.of(absent), got::add);
            assertThat(got).as(absent.toString()).isEmpty();
            assertThat(q.scanned()).as("an absent action, resource or source ip reads no line: %s", absent).isZero();
        }
        for (AuditFilter present : List.of(
                new AuditFilter(null, null, null, null, "a2", null, null, null, null, null, 0),
                new AuditFilter(null, null, null, null, null, "r1", null, null, null, null, 0),
                new AuditFilter(null, null, null, Set.of("10.0.0.1"), "a2", "r3", null, null, null, null, 0),
                new AuditFilter(Set.of("u3"), null, null, Set.of("10.0.0.0", "10.0.0.2"), null, null, "success",
                        null, null, null, 0))) {
            long n = byScan(store, present).size();
            q = new AuditQuery(store);
            q.run(AuditQuery.Request.of(present), r -> { });
            assertThat(n).as(present.toString()).isPositive();
            assertThat(q.scanned()).as("only the lines of the intersected postings: %s", present).isEqualTo(n);
        }
        AuditFilter u1 = new AuditFilter(Set.of("u1"), null, null, null, null, null, "failure", null, null, null, 0);
        long matches = byScan(store, u1).size();
        q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(u1), r -> { });
        assertThat(q.scanned()).as("only the intersected postings' lines").isEqualTo(matches);
        Instant from = clock.instant().plus(Duration.ofHours(10));
        AuditFilter hour = new AuditFilter(null, null, null, null, null, null, null, from, from.plus(Duration.ofHours(1)), null, 0);
        long inHour = byScan(store, hour).size();
        q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(hour), r -> { });
        assertThat(inHour).isGreaterThan(10);
        assertThat(q.scanned()).as("the hour's records, and those of its edge minutes (the index keeps minutes)")
                .isBetween(inHour, inHour + 2);
    }

    @Test
    void tornStaleOrDamagedPostingsAreNeverTrustedAndAreRepaired() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        Random rnd = new Random(99);
        store.append(AuditTesting.randomEvents(rnd, 400, clock.instant(), Duration.ofHours(20)));
        Path pst = AuditPostings.of(day(dir));
        byte[] good = Files.readAllBytes(pst);
        assertThat(segments(day(dir))).containsExactly(128, 128, 128, 16);

        // torn: a crash in the middle of writing the last segment
        try (FileChannel ch = FileChannel.open(pst, StandardOpenOption.WRITE)) {
            ch.truncate(good.length - 7);
        }
        assertThat(segments(day(dir))).containsExactly(128, 128, 128);
        assertAgrees(store, rnd, 40);
        assertThat(AuditPostings.repair(day(dir))).isFalse();
        assertThat(Files.readAllBytes(pst)).isEqualTo(good);

        // damaged postings (a flipped bit in the last bytes of the postings of the first segment)
        byte[] bad = good.clone();
        int firstEnd = AuditPostings.HEAD;
        try (FileChannel ix = AuditIndex.open(day(dir))) {
            AuditPostings.Segment s = AuditPostings.read(day(dir), new AuditIndex.Entries(ix)).get(0);
            firstEnd = (int) s.end;
        }
        bad[firstEnd - AuditPostings.TRAIL - 3] ^= 0x10;
        Files.write(pst, bad);
        assertAgrees(store, rnd, 40);
        VerifyReport v = new AuditVerifier(store).verify(null);
        assertThat(v.warnings()).anyMatch(w -> w.contains("rebuilt the postings of audit-2026-11-20.jsonl"));
        assertThat(Files.readAllBytes(pst)).isEqualTo(good);

        // stale: the postings of another day (other records, other seqs)
        Path other = dir.resolve("other");
        AuditStore o = AuditTesting.store(other, clock);
        o.append(AuditTesting.randomEvents(new Random(1), 10, clock.instant(), Duration.ofHours(1)));
        o.append(AuditTesting.randomEvents(new Random(2), 400, clock.instant(), Duration.ofHours(20)));
        Files.copy(AuditPostings.of(day(other)), pst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(segments(day(dir))).isEmpty();
        assertAgrees(store, rnd, 40);
        store.append(AuditTesting.randomEvents(rnd, 1, clock.instant(), Duration.ofHours(1)));
        assertThat(segments(day(dir))).containsExactly(128, 128, 128, 16);
        assertAgrees(store, rnd, 40);
    }

    /**
     * The index of a day as the first format ({@code p21idx1}) wrote it: 32-byte entries (place, seq, minute, hashes
     * of user and type, 16-bit hashes of level and result), from the lines on disk.
     */
    private static byte[] firstFormatIndex(Path dayFile) throws IOException {
        byte[] data = Files.readAllBytes(dayFile);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write("p21idx1\n\0\0\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int s = 0;
        for (int e = 0; e < data.length; e++) {
            if (data[e] != '\n') {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(new String(data, s, e - s,
                    java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer entry = java.nio.ByteBuffer.allocate(32);
            entry.putLong((long) s << 24 | (e - s)).putLong(n.get("seq").asLong())
                    .putInt((int) (Instant.parse(n.get("timestamp").asText()).getEpochSecond() / 60))
                    .putInt(AuditIndex.hash(n.get("user_id").asText())).putInt(AuditIndex.hash(n.get("event_type").asText()))
                    .putShort((short) AuditIndex.hash(n.get("level").asText()))
                    .putShort((short) AuditIndex.hash(n.get("result").asText()));
            out.write(entry.array());
            s = e + 1;
        }
        return out.toByteArray();
    }

    /** Valid postings relabelled as the first format ({@code p21pst1}), every header's CRC in its trailer made right. */
    private static byte[] firstFormatPostings(Path dayFile) throws IOException {
        byte[] b = Files.readAllBytes(AuditPostings.of(dayFile));
        try (FileChannel ix = AuditIndex.open(dayFile)) {
            for (AuditPostings.Segment seg : AuditPostings.read(dayFile, new AuditIndex.Entries(ix))) {
                int at = (int) seg.start;
                System.arraycopy("p21pst1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, at, 8);
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(b, at, AuditPostings.HEAD);
                java.nio.ByteBuffer.wrap(b).putInt((int) seg.end - AuditPostings.TRAIL + 8, (int) crc.getValue());
            }
        }
        return b;
    }

    @Test
    void anIndexOfTheFirstFormatIsForeignGivesTheScansAnswersAndIsRebuiltByAppendVerifyAndReindex() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        Random rnd = new Random(24);
        // 302 records (and 322, 342 after the appends): 302 * 32 bytes read as 40-byte entries make 241, whose last
        // falls on the start of old entry 300, a real line with its seq: only the magic tells the formats apart
        store.append(AuditTesting.randomEvents(rnd, 302, clock.instant(), Duration.ofHours(20)));
        Path idx = AuditIndex.of(day(dir));
        Path pst = AuditPostings.of(day(dir));
        AuditFilter nobody = new AuditFilter(Set.of("nobody"), null, null, null, null, null, null, null, null, null, 0);
        for (String repair : List.of("append", "verify", "reindex")) {
            byte[] oldIdx = firstFormatIndex(day(dir));
            byte[] oldPst = firstFormatPostings(day(dir));
            Files.write(idx, oldIdx);
            Files.write(pst, oldPst);
            assertThat(AuditIndex.consistent(day(dir))).isFalse();
            assertThat(segments(day(dir))).isEmpty();
            assertAgrees(store, rnd, 40);
            assertThat(AuditIndexTest.query(store, nobody)).isEmpty();
            assertThat(Files.readAllBytes(idx)).as("a query never writes").isEqualTo(oldIdx);
            switch (repair) {
                case "append" -> store.append(AuditTesting.randomEvents(rnd, 20, clock.instant(), Duration.ofHours(1)));
                case "verify" -> assertThat(new AuditVerifier(store).verify(null).warnings())
                        .anyMatch(w -> w.contains("rebuilt the index of audit-2026-11-20.jsonl"));
                default -> store.reindex();
            }
            assertThat(new String(Files.readAllBytes(idx), 0, 8, java.nio.charset.StandardCharsets.US_ASCII))
                    .as(repair).isEqualTo("p21idx2\n");
            assertThat(AuditTesting.indexUpToDate(day(dir))).as(repair).isTrue();
            long records = (Files.size(idx) - AuditIndex.HEADER) / AuditIndex.ENTRY;
            assertThat(segments(day(dir)).stream().mapToLong(Integer::longValue).sum()).as(repair)
                    .isEqualTo(records / 16 * 16);
            assertAgrees(store, rnd, 40);
            AuditQuery q = new AuditQuery(store);
            q.run(AuditQuery.Request.of(nobody), r -> { });
            assertThat(q.scanned()).as("%s: the rebuilt index is used again", repair).isZero();
        }
    }

    @Test
    void aCrashThatLostIndexEntriesLeavesTheSegmentsBeforeItAndTheNextAppendRebuildsThoseAfter() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        Random rnd = new Random(17);
        store.append(AuditTesting.randomEvents(rnd, 300, clock.instant(), Duration.ofHours(20)));
        Path idx = AuditIndex.of(day(dir));
        try (FileChannel ch = FileChannel.open(idx, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(idx) - 60L * AuditIndex.ENTRY - 5); // 60 entries and part of one lost
        }
        assertThat(segments(day(dir))).as("those past the index are not used").containsExactly(128);
        assertAgrees(store, rnd, 40);
        store.append(AuditTesting.randomEvents(rnd, 5, clock.instant(), Duration.ofHours(1)));
        assertThat(segments(day(dir))).containsExactly(128, 128, 16, 16, 16);
        assertAgrees(store, rnd, 40);
    }

    @Test
    void pruneRemovesThePostingsWithTheirDayAndQueriesStillAgree() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        Random rnd = new Random(3);
        store.append(AuditTesting.randomEvents(rnd, 200, clock.instant(), Duration.ofHours(20)));
        clock.advance(Duration.ofDays(2));
        store.append(AuditTesting.randomEvents(rnd, 200, clock.instant(), Duration.ofHours(20)));
        clock.advance(Duration.ofDays(2));
        store.append(AuditTesting.randomEvents(rnd, 200, clock.instant(), Duration.ofHours(20)));
        new AuditPruner(store).prune(Duration.ofDays(3), Duration.ofDays(1), false);
        assertThat(AuditPostings.of(day(dir))).doesNotExist();
        assertThat(AuditPostings.of(dir.resolve("audit-2026-11-22.jsonl"))).doesNotExist();
        assertThat(dir.resolve("audit-2026-11-22.jsonl.gz")).exists();
        assertThat(AuditPostings.of(dir.resolve("audit-2026-11-24.jsonl"))).exists();
        clock.advance(Duration.ofDays(-4));
        assertAgrees(store, rnd, 80);
    }
}
