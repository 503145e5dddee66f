package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
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
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sidecar index: written with the records, used by queries, never trusted over the records. */
class AuditIndexTest {
    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-20T00:00:00Z"));

    private List<AuditRecord> fill(AuditStore store, int n) {
        List<AuditRecord> all = new ArrayList<>(store.append(
                AuditTesting.randomEvents(new Random(7), n, clock.instant(), Duration.ofHours(20))));
        return all;
    }

    private static List<AuditFilter> filters() {
        Instant t = Instant.parse("2026-11-20T05:00:00Z");
        return List.of(
                new AuditFilter(Set.of("u1"), null, null, null, null, null, null, null, null, null, 0),
                new AuditFilter(Set.of("u1", "u3"), Set.of("user_login"), null, null, null, null, null, null, null, null, 0),
                new AuditFilter(null, null, Set.of("error"), null, null, null, "failure", null, null, null, 0),
                new AuditFilter(null, null, null, null, null, null, null, t, t.plusSeconds(3 * 3600 + 17), null, 0),
                new AuditFilter(Set.of("u2"), null, null, null, null, null, null, null, null, null, 150),
                new AuditFilter(Set.of("nobody"), null, null, null, null, null, null, null, null, null, 0),
                new AuditFilter(null, null, null, Set.of("10.0.0.2"), null, null, null, null, null, null, 0),
                new AuditFilter(null, null, null, Set.of("10.0.0.0", "10.0.0.9"), "a1", null, null, null, null, null, 0),
                new AuditFilter(Set.of("u4"), null, null, null, null, "r3", "success", null, null, null, 0),
                new AuditFilter(null, null, null, null, "a9", null, null, null, null, null, 0));
    }

    /** The seqs a full scan gives: the filter applied to every record read without an index. */
    private static List<Long> byScan(AuditStore store, AuditFilter f) {
        List<Long> out = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(AuditFilter.all()), r -> {
            if (f.matches(r)) {
                out.add(r.seq());
            }
        });
        return out;
    }

    static List<Long> query(AuditStore store, AuditFilter f) {
        List<Long> out = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(f), r -> out.add(r.seq()));
        return out;
    }

    private static Path plainDay(Path dir) {
        return dir.resolve("audit-2026-11-20.jsonl");
    }

    @Test
    void appendsWriteOneEntryPerRecordAndQueriesReadOnlyTheCandidates() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        List<AuditRecord> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.addAll(fill(store, 80));
        }
        Path idx = AuditIndex.of(plainDay(dir));
        assertThat(Files.size(idx)).isEqualTo(AuditIndex.HEADER + (long) AuditIndex.ENTRY * all.size());
        assertThat(AuditTesting.indexUpToDate(plainDay(dir))).isTrue();
        for (AuditFilter f : filters()) {
            assertThat(query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
        AuditFilter one = filters().get(0);
        AuditQuery q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(one), r -> { });
        assertThat(q.scanned()).as("lines read").isLessThan(all.size() / 2).isGreaterThan(0);
        assertThat(q.lastSeq()).isEqualTo(all.size());
    }

    @Test
    void importWritesTheEntriesARebuildWouldFromTheKeysItsParseThreadsComputed() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            // common lines (import's fast reader) and lines with escapes, non-ASCII and nested values (general path)
            in.append(i % 3 == 0
                    ? "{\"event_type\":\"DATA_READ\",\"timestamp\":\"2026-11-20T0" + (i % 10) + ":00:00Z\",\"user_id\":\"u"
                            + (i % 7) + "\",\"level\":\"ERROR\",\"result\":\"failure\"}"
                    : "{\"event_type\":\"user_login\",\"timestamp\":\"2026-11-20T01:02:0" + (i % 10) + "Z\",\"user_id\":\"\u00fc"
                            + (i % 5) + "\\n\",\"details\":{\"a\":[1,{\"b\":2}]},\"result\":" + (i % 2 == 0 ? "null" : "\"ok\"") + "}")
                    .append('\n');
        }
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, in);
        ImportReport r = new AuditImporter(store, java.time.ZoneOffset.UTC).importFrom(file.toString(), null);
        assertThat(r.imported()).isEqualTo(3000);
        assertThat(AuditTesting.indexUpToDate(plainDay(dir))).isTrue();
        for (AuditFilter f : filters()) {
            assertThat(query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
    }

    @Test
    void aLaggingOrTornIndexIsCaughtUpAndTheTailIsScannedMeanwhile() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        fill(store, 300);
        Path idx = AuditIndex.of(plainDay(dir));
        // a crash after the records, before their entries: 40 entries lost, half of one written
        try (FileChannel ch = FileChannel.open(idx, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(idx) - 40L * AuditIndex.ENTRY - AuditIndex.ENTRY / 2);
        }
        for (AuditFilter f : filters()) {
            assertThat(query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
        fill(AuditTesting.store(dir, clock), 20);
        assertThat(AuditTesting.indexUpToDate(plainDay(dir))).as("caught up by the next append").isTrue();
        for (AuditFilter f : filters()) {
            assertThat(query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
    }

    @Test
    void aStaleOrMissingIndexIsIgnoredAndRebuiltByVerifyAndReindex() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        fill(store, 300);
        Path idx = AuditIndex.of(plainDay(dir));
        byte[] good = Files.readAllBytes(idx);
        // an index of another file: its entries point at lines with other seqs
        byte[] stale = good.clone();
        for (int i = AuditIndex.HEADER + 8; i < stale.length; i += AuditIndex.ENTRY) {
            stale[i + 7] ^= 1;
        }
        Files.write(idx, stale);
        for (AuditFilter f : filters()) {
            assertThat(query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
        VerifyReport v = new AuditVerifier(store).verify(null);
        assertThat(v.status()).isEqualTo("intact");
        assertThat(v.warnings()).anyMatch(w -> w.contains("rebuilt the index of audit-2026-11-20.jsonl"));
        assertThat(Files.readAllBytes(idx)).isEqualTo(good);
        Files.delete(idx);
        for (AuditFilter f : filters()) {
            assertThat(query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
        assertThat(store.reindex()).containsExactly("audit-2026-11-20.jsonl.idx");
        assertThat(Files.readAllBytes(idx)).isEqualTo(good);
        assertThat(new AuditVerifier(store).verify(null).warnings()).noneMatch(w -> w.contains("index"));
        try (FileChannel ch = FileChannel.open(idx, StandardOpenOption.WRITE)) { // entries lost to a crash
            ch.truncate(Files.size(idx) - 3L * AuditIndex.ENTRY);
        }
        assertThat(AuditIndex.consistent(plainDay(dir))).isFalse();
        assertThat(new AuditVerifier(store).verify(null).warnings()).anyMatch(w -> w.contains("rebuilt the index"));
        assertThat(Files.readAllBytes(idx)).isEqualTo(good);
        assertThat(AuditIndex.consistent(plainDay(dir))).isTrue();
    }

    @Test
    void anEntryPointingAtAnotherRecordMidFileMakesTheQueryScanFromThere() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        fill(store, 300);
        Path idx = AuditIndex.of(plainDay(dir));
        byte[] b = Files.readAllBytes(idx);
        for (int e = 100; e < 200; e++) { // wrong hashes and seqs in the middle, first and last entries intact
            int at = AuditIndex.HEADER + e * AuditIndex.ENTRY;
            b[at + 15] ^= 1;
            b[at + 23] ^= 1;
        }
        Files.write(idx, b);
        for (AuditFilter f : filters()) {
            List<Long> got = query(store, f);
            assertThat(byScan(store, f)).as(f.toString()).containsAll(got);
        }
    }

    @Test
    void compressedDaysKeepTheirIndexBesideTheGzAndEncryptedStoresHaveNone() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        fill(store, 50);
        clock.advance(Duration.ofDays(2));
        fill(store, 50);
        new AuditPruner(store).prune(Duration.ofDays(3650), Duration.ofDays(1), false);
        assertThat(dir.resolve("audit-2026-11-20.jsonl.gz")).exists();
        assertThat(AuditIndex.of(plainDay(dir))).doesNotExist();
        assertThat(AuditIndex.of(dir.resolve("audit-2026-11-20.jsonl.gz"))).exists(); // moved with its day
        assertThat(AuditIndex.consistent(dir.resolve("audit-2026-11-20.jsonl.gz"))).isTrue();
        assertThat(AuditIndex.of(dir.resolve("audit-2026-11-22.jsonl"))).exists();
        for (AuditFilter f : filters()) {
            assertThat(query(store, f)).as(f.toString()).isEqualTo(byScan(store, f));
        }
        Path enc = dir.resolve("enc");
        AuditStore secret = AuditTesting.store(enc, clock, null, new byte[32]);
        secret.append(List.of(AuditTesting.event(1)));
        try (var files = Files.list(enc)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".idx"));
        }
    }
}
