package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gzipped days as multi-member gzip with a block map ({@link GzMap}, {@link GzDay}): lookups on them equal a full
 * scan on random stores and predicates, inflate only the members holding candidates, never trust a torn, stale or
 * foreign map, still read a day gzipped by an older p21mon, and the files stay what {@code zcat} and {@code gzip -t}
 * read. Small members (2 KiB) and segments (16 entries) so that a few hundred records make many of each.
 */
class AuditGzMapTest {
    @TempDir
    Path dir;

    FakeClock clock = new FakeClock(Instant.parse("2026-11-20T00:00:00Z"));
    private int wasBase;
    private int wasBlock;

    @BeforeEach
    void small() {
        wasBase = AuditPostings.base;
        wasBlock = GzMap.block;
        AuditPostings.base = 16;
        GzMap.block = 2048;
    }

    @AfterEach
    void restore() {
        AuditPostings.base = wasBase;
        GzMap.block = wasBlock;
    }

    private static AuditFilter filter(Set<String> users, Instant since, Instant until) {
        return new AuditFilter(users, null, null, null, null, null, null, since, until, null, 0);
    }

    private static AuditFilter withWindow(AuditFilter f, Instant since, Instant until) {
        return new AuditFilter(f.users(), f.types(), f.levels(), f.sourceIps(), f.action(), f.resource(), f.result(), since, until,
                f.grep(), f.afterSeq());
    }

    /** Days of random records, one file each, the clock left on the last. */
    private AuditStore days(Path d, Random rnd, int days, int perDay) {
        AuditStore store = AuditTesting.store(d, clock);
        for (int i = 0; i < days; i++) {
            int n = 1 + rnd.nextInt(perDay);
            store.append(AuditTesting.randomEvents(rnd, n, clock.instant(), Duration.ofHours(20)));
            if (i + 1 < days) {
                clock.advance(Duration.ofDays(1));
            }
        }
        return store;
    }

    private static Path gz(Path d, String day) {
        return d.resolve("audit-" + day + ".jsonl.gz");
    }

    private void assertAgrees(AuditStore store, Random rnd, Instant start, int hours, int filters) {
        for (int i = 0; i < filters; i++) {
            AuditFilter f = AuditPostingsTest.randomFilter(rnd, start);
            if (rnd.nextBoolean()) { // windows over the whole span, an hour or a few
                Instant since = start.plusSeconds(rnd.nextInt(hours * 3600));
                f = withWindow(f, rnd.nextInt(4) == 0 ? null : since,
                        rnd.nextInt(3) == 0 ? null : since.plusSeconds(rnd.nextInt(6 * 3600)));
            }
            if (rnd.nextInt(8) == 0) {
                f = f.afterSeq(rnd.nextInt(400));
            }
            assertThat(AuditIndexTest.query(store, f)).as(f.toString()).isEqualTo(AuditPostingsTest.byScan(store, f));
        }
    }

    @Test
    void lookupsOnGzippedDaysEqualAFullScanOnRandomStoresAndPredicates() throws IOException {
        Random rnd = new Random(2424);
        for (int round = 0; round < 5; round++) {
            Path d = dir.resolve("r" + round);
            clock = new FakeClock(Instant.parse("2026-11-20T00:00:00Z"));
            Instant start = clock.instant();
            AuditStore store = days(d, rnd, 2 + rnd.nextInt(4), 400);
            // compress some closed days (the ones older than 0..2 days)
            AuditPruner.compress(store, Duration.ofDays(rnd.nextInt(3)), size -> { });
            try (var files = Files.list(d)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".jsonl.gz")).toList()) {
                    assertThat(GzMap.read(p)).as("a map that fits %s", p).isNotNull();
                    assertThat(AuditIndex.of(p)).exists();
                    assertThat(AuditIndex.consistent(p)).isTrue();
                }
            }
            assertAgrees(store, rnd, start, 24 * 5, 60);
            VerifyReport v = new AuditVerifier(store).verify(null);
            assertThat(v.status()).isEqualTo("intact");
            assertThat(v.warnings()).as("nothing to rebuild after a compression").isEmpty();
        }
    }

    @Test
    void aOneHourWindowOnAGzippedDayInflatesOnlyTheMembersOfThatHour() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock);
        store.append(AuditTesting.randomEvents(new Random(5), 1500, clock.instant(), Duration.ofHours(20)));
        clock.advance(Duration.ofDays(1));
        store.append(AuditTesting.randomEvents(new Random(6), 10, clock.instant(), Duration.ofHours(1)));
        AuditPruner.compress(store, Duration.ZERO, size -> { });
        Path gz = gz(dir, "2026-11-20");
        GzMap map = GzMap.read(gz);
        assertThat(map.members.size()).as("members of ~2 KiB").isGreaterThan(100);

        Instant from = Instant.parse("2026-11-20T10:00:00Z");
        AuditFilter hour = filter(null, from, from.plus(Duration.ofHours(1)));
        AuditQuery q = new AuditQuery(store);
        List<Long> got = new ArrayList<>();
        q.run(AuditQuery.Request.of(hour), r -> got.add(r.seq()));
        assertThat(got).isEqualTo(AuditPostingsTest.byScan(store, hour)).hasSizeGreaterThan(10);
        int fromMinute = (int) (from.getEpochSecond() / 60);
        long hourMembers = map.members.stream().filter(m -> m.inWindow(fromMinute, fromMinute + 60)).count();
        long hourBytes = map.members.stream().filter(m -> m.inWindow(fromMinute, fromMinute + 60))
                .mapToLong(GzMap.Member::plainLength).sum();
        assertThat(q.membersInflated()).as("the members of the hour, and no other").isBetween(1, (int) hourMembers);
        assertThat(q.inflated()).as("plain bytes inflated").isPositive().isLessThanOrEqualTo(hourBytes);
        assertThat(hourBytes).isLessThan(map.plainSize / 10);

        q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(filter(Set.of("nobody"), null, null)), r -> { });
        assertThat(q.inflated()).as("no key, nothing inflated").isZero();
        assertThat(q.lastSeq()).isEqualTo(1510);

        AuditFilter u1 = filter(Set.of("u1"), from, from.plus(Duration.ofHours(1)));
        q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(u1), r -> { });
        long n = AuditPostingsTest.byScan(store, u1).size();
        assertThat(q.scanned()).as("its lines, and those of the edge minutes").isBetween(n, n + 2);
        assertThat(q.membersInflated()).isLessThanOrEqualTo((int) hourMembers);
    }

    @Test
    void verifyNamesAGzippedDayThatDoesNotInflateAndLeavesItAsItIs() throws IOException {
        AuditStore store = days(dir, new Random(8), 3, 600);
        AuditPruner.compress(store, Duration.ZERO, size -> { });
        Path gz = gz(dir, "2026-11-21");
        byte[] good = Files.readAllBytes(gz);
        long total = new AuditVerifier(store).verify(null).records();
        byte[] crc = good.clone();
        crc[crc.length - 6] ^= 0x5A; // the CRC-32 in the last member's trailer
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        for (byte[] bad : new byte[][] {crc, cut}) {
            Files.write(gz, bad);
            VerifyReport v = new AuditVerifier(store).verify(null);
            assertThat(v.status()).isEqualTo("broken");
            assertThat(v.problem().file()).isEqualTo(gz.toString());
            assertThat(v.problem().verdict()).isEqualTo("gzip_damaged");
            assertThat(v.problem().actual()).isIn("Corrupt GZIP trailer", "Unexpected end of ZLIB input stream");
            assertThat(v.problem().line()).isPositive();
            assertThat(v.records()).isLessThan(total);
            assertThat(Files.readAllBytes(gz)).as("verify never writes a day file").isEqualTo(bad);
        }
    }

    @Test
    void realZcatAndGzipAcceptTheMultiMemberFile() throws Exception {
        AuditStore store = days(dir, new Random(7), 2, 600);
        byte[] plain = Files.readAllBytes(dir.resolve("audit-2026-11-20.jsonl"));
        AuditPruner.compress(store, Duration.ZERO, size -> { });
        Path gz = gz(dir, "2026-11-20");
        assertThat(GzMap.read(gz).members.size()).isGreaterThan(1);
        assertThat(Files.getPosixFilePermissions(GzMap.of(gz))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Process t = new ProcessBuilder("gzip", "-t", gz.toString()).redirectErrorStream(true).start();
        assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(t.exitValue()).as(new String(t.getInputStream().readAllBytes())).isZero();
        Process z = new ProcessBuilder("zcat", gz.toString()).start();
        byte[] out = z.getInputStream().readAllBytes();
        assertThat(z.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(z.exitValue()).isZero();
        assertThat(out).as("zcat gives the day back byte for byte").isEqualTo(plain);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        // every member ends at a line end, and the map's seqs are its first and last lines'
        for (GzMap.Member m : GzMap.read(gz).members) {
            assertThat(plain[(int) m.plainEnd() - 1]).isEqualTo((byte) '\n');
            assertThat(AuditIndex.seqOf(plain, (int) m.plainOffset(), (int) m.plainEnd())).isEqualTo(m.firstSeq());
        }
    }

    @Test
    void aTornStaleOrForeignMapIsNeverTrustedAndVerifyRebuildsIt() throws IOException {
        Random rnd = new Random(11);
        AuditStore store = days(dir, rnd, 3, 500);
        AuditPruner.compress(store, Duration.ZERO, size -> { });
        Path a = gz(dir, "2026-11-20");
        Path b = gz(dir, "2026-11-21");
        byte[] good = Files.readAllBytes(GzMap.of(a));
        Instant start = Instant.parse("2026-11-20T00:00:00Z");

        // torn
        Files.write(GzMap.of(a), java.util.Arrays.copyOf(good, good.length - 5));
        assertThat(GzMap.read(a)).isNull();
        assertAgrees(store, rnd, start, 72, 30);
        // damaged (a flipped bit in a member's offsets)
        byte[] bad = good.clone();
        bad[GzMap.HEADER + GzMap.MEMBER + 3] ^= 0x04;
        Files.write(GzMap.of(a), bad);
        assertThat(GzMap.read(a)).isNull();
        assertAgrees(store, rnd, start, 72, 30);
        // stale: the day recompressed by another tool (one stream) under the map written for the blocks
        Files.write(GzMap.of(a), good);
        byte[] blocks = Files.readAllBytes(a);
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(a)); OutputStream out = new GZIPOutputStream(one)) {
            in.transferTo(out);
        }
        Files.write(a, one.toByteArray());
        assertThat(GzMap.read(a)).as("a map of other bytes").isNull();
        assertAgrees(store, rnd, start, 72, 30);
        Files.write(a, blocks);
        assertThat(GzMap.read(a)).isNotNull();
        // foreign: the other day's map
        Files.copy(GzMap.of(b), GzMap.of(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(GzMap.read(a)).isNull();
        AuditQuery q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(filter(Set.of("u1"), null, null)), r -> { });
        assertThat(q.inflated()).as("a day without a map it can trust is inflated whole")
                .isGreaterThanOrEqualTo(sizeOfPlain(a));
        assertAgrees(store, rnd, start, 72, 30);

        VerifyReport v = new AuditVerifier(store).verify(null);
        assertThat(v.status()).isEqualTo("intact");
        assertThat(v.warnings()).anyMatch(w -> w.startsWith("rebuilt the block map of audit-2026-11-20.jsonl.gz"));
        assertThat(GzMap.read(a)).isNotNull();
        // the rebuilt map: the same members as the one compression wrote, minutes aside
        List<GzMap.Member> rebuilt = GzMap.read(a).members;
        Files.write(GzMap.of(a), good);
        List<GzMap.Member> written = GzMap.read(a).members;
        assertThat(rebuilt).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            GzMap.Member w = written.get(i);
            GzMap.Member r = rebuilt.get(i);
            assertThat(List.of(r.compOffset(), r.compLength(), r.plainOffset(), r.plainLength(), r.firstSeq(),
                    r.lastSeq(), (long) r.lines())).isEqualTo(List.of(w.compOffset(), w.compLength(), w.plainOffset(),
                    w.plainLength(), w.firstSeq(), w.lastSeq(), (long) w.lines()));
        }
        assertThat(new AuditVerifier(store).verify(null).warnings()).isEmpty();
    }

    private static long sizeOfPlain(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    @Test
    void aDayGzippedByAnOlderP21monReadsRightAndVerifyIndexesIt() throws IOException {
        Random rnd = new Random(13);
        AuditStore store = days(dir, rnd, 3, 400);
        Instant start = Instant.parse("2026-11-20T00:00:00Z");
        // what an older p21mon left: one gzip stream, no map, no index, no postings
        Path plain = dir.resolve("audit-2026-11-20.jsonl");
        Path gz = gz(dir, "2026-11-20");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(Files.readAllBytes(plain));
        }
        Files.write(gz, bytes.toByteArray());
        Files.delete(plain);
        AuditIndex.delete(plain);
        assertAgrees(store, rnd, start, 72, 40);

        VerifyReport v = new AuditVerifier(store).verify(null);
        assertThat(v.status()).isEqualTo("intact");
        assertThat(v.warnings()).anyMatch(w -> w.startsWith("built the block map of audit-2026-11-20.jsonl.gz"))
                .anyMatch(w -> w.startsWith("rebuilt the index of audit-2026-11-20.jsonl.gz"));
        assertThat(Files.readAllBytes(gz)).as("verify never rewrites the records").isEqualTo(bytes.toByteArray());
        assertThat(GzMap.read(gz).members).hasSize(1);
        assertThat(AuditIndex.consistent(gz)).isTrue();
        assertAgrees(store, rnd, start, 72, 40);
        AuditQuery q = new AuditQuery(store);
        q.run(AuditQuery.Request.of(filter(Set.of("nobody"), null, null)), r -> { });
        assertThat(q.inflated()).as("its index answers a key it does not hold without inflating").isZero();
        assertThat(new AuditVerifier(store).verify(null).warnings()).isEmpty();
    }

    @Test
    void pruneDeletesAGzippedDayWithItsSidecarsAndReindexCoversGzippedDays() throws IOException {
        Random rnd = new Random(17);
        AuditStore store = days(dir, rnd, 4, 300);
        AuditPruner.compress(store, Duration.ZERO, size -> { });
        Path first = gz(dir, "2026-11-20");
        List<Path> sidecars = List.of(GzMap.of(first), AuditIndex.of(first), AuditPostings.of(first));
        assertThat(sidecars).allMatch(Files::exists);
        assertThat(dir.resolve("audit-2026-11-20.jsonl.idx")).doesNotExist();

        Path idx = AuditIndex.of(gz(dir, "2026-11-21"));
        byte[] before = Files.readAllBytes(idx);
        Files.write(idx, java.util.Arrays.copyOf(before, before.length - 40));
        assertThat(store.reindex()).contains("audit-2026-11-21.jsonl.gz.idx", "audit-2026-11-23.jsonl.idx");
        assertThat(Files.readAllBytes(idx)).as("reindex writes what compression kept").isEqualTo(before);

        new AuditPruner(store).prune(Duration.ofDays(2), null, false);
        assertThat(first).doesNotExist();
        assertThat(sidecars).noneMatch(Files::exists);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("audit-2026-11-20"));
        }
        assertAgrees(store, rnd, Instant.parse("2026-11-20T00:00:00Z"), 96, 30);
    }

    @Test
    void anEncryptedStoreGzipsInBlocksAndAWindowScansOnlyItsMembers() throws IOException {
        AuditStore store = AuditTesting.store(dir, clock, null, new byte[32]);
        store.append(AuditTesting.randomEvents(new Random(19), 800, clock.instant(), Duration.ofHours(20)));
        clock.advance(Duration.ofDays(1));
        store.append(AuditTesting.randomEvents(new Random(20), 5, clock.instant(), Duration.ofHours(1)));
        AuditPruner.compress(store, Duration.ZERO, size -> { });
        Path gz = gz(dir, "2026-11-20");
        assertThat(AuditIndex.of(gz)).doesNotExist();
        GzMap map = GzMap.read(gz);
        Instant from = Instant.parse("2026-11-20T05:00:00Z");
        AuditFilter hour = filter(null, from, from.plus(Duration.ofHours(1)));
        AuditQuery q = new AuditQuery(store);
        List<Long> got = new ArrayList<>();
        q.run(AuditQuery.Request.of(hour), r -> got.add(r.seq()));
        assertThat(got).isEqualTo(AuditPostingsTest.byScan(store, hour)).isNotEmpty();
        int m = (int) (from.getEpochSecond() / 60);
        long hourBytes = map.members.stream().filter(x -> x.inWindow(m, m + 60)).mapToLong(GzMap.Member::plainLength).sum();
        assertThat(q.inflated()).as("only the members whose minutes meet the hour").isEqualTo(hourBytes);
        assertThat(new AuditVerifier(store).verify(null).status()).isEqualTo("intact");
    }
}
