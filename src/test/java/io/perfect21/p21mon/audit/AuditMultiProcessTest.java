package io.perfect21.p21mon.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real concurrent OS processes appending to one store (SPEC §7: concurrency is tested with processes). */
class AuditMultiProcessTest {
    @TempDir
    Path dir;

    private static final int SEGMENT = 16; // postings segments of 16 and 128 entries: many within the storm

    private Process spawn(int n, String who) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dp21mon.audit.segmentEntries=" + SEGMENT, "-cp",
                System.getProperty("java.class.path"), AuditAppendMain.class.getName(), dir.toString(),
                Integer.toString(n), who)
                .redirectError(dir.resolveSibling(dir.getFileName() + "-" + who + ".err").toFile())
                .start();
    }

    @Test
    void eightProcessesAppendFourThousandRecordsWithoutGapsOrDuplicates() throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ps.add(spawn(500, "p" + i));
        }
        for (Process p : ps) {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        AuditStore store = new AuditStore(dir, null, null, List.of(), null, "test", Clock.systemUTC());
        List<AuditRecord> all = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(AuditFilter.all()), all::add);
        assertThat(all).hasSize(4000);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(i + 1L);
        }
        Map<String, Integer> perProcess = new HashMap<>();
        all.forEach(r -> perProcess.merge(r.event().userId(), 1, Integer::sum));
        assertThat(perProcess).hasSize(8).allSatisfy((k, v) -> assertThat(v).isEqualTo(500));
        VerifyReport v = new AuditVerifier(store).verify(null);
        assertThat(v.status()).isEqualTo("intact");
        assertThat(v.records()).isEqualTo(4000);
    }

    @Test
    void aProcessKilledMidBurstLeavesAVerifiableLogAndTheNextAppendWorks() throws Exception {
        Process steady = spawn(-1, "steady");
        Process victim = spawn(-1, "victim");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("ready");
            String line;
            while ((line = r.readLine()) != null && Long.parseLong(line) < 300) {
                // wait until the burst is well under way
            }
        }
        victim.destroyForcibly(); // SIGKILL on Linux
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).isEqualTo(137);
        Thread.sleep(200);
        steady.destroyForcibly();
        steady.waitFor(30, TimeUnit.SECONDS);

        AuditStore store = new AuditStore(dir, null, null, List.of(), null, "test", Clock.systemUTC());
        VerifyReport before = new AuditVerifier(store).verify(null);
        assertThat(before.status()).as(String.valueOf(before.problem())).isEqualTo("intact");
        assertThat(before.records()).isGreaterThan(300);
        AuditRecord next = store.append(List.of(AuditTesting.event(1))).get(0);
        assertThat(next.seq()).isEqualTo(before.lastSeq() + 1);
        VerifyReport after = new AuditVerifier(store).verify(null);
        assertThat(after.status()).isEqualTo("intact");
        assertThat(after.records()).isEqualTo(before.records() + 1);
        assertThat(new File(dir.toFile(), ".lock")).exists();
    }

    @Test
    void killingFourWritersMidStormLosesNoRecordToTheIndexAndQueriesAgreeWithAFullScan() throws Exception {
        int was = AuditPostings.base;
        AuditPostings.base = SEGMENT;
        try {
            storm();
        } finally {
            AuditPostings.base = was;
        }
    }

    private void storm() throws Exception {
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(spawn(-1, "w" + i));
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(writers.get(0).getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("ready");
            String line;
            while ((line = r.readLine()) != null && Long.parseLong(line) < 400) {
                // let the storm run
            }
        }
        for (Process p : writers) {
            p.destroyForcibly(); // SIGKILL on Linux, all four mid-append
        }
        for (Process p : writers) {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        AuditStore store = new AuditStore(dir, null, null, List.of(), null, "test", Clock.systemUTC());
        List<AuditRecord> all = new ArrayList<>();
        new AuditQuery(store).run(AuditQuery.Request.of(AuditFilter.all()), all::add);
        assertThat(all.size()).isGreaterThanOrEqualTo(400); // writer 0 saw seq 400 before the kill
        List<AuditFilter> filters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            filters.add(new AuditFilter(java.util.Set.of("w" + i), null, null, null, null, null, null, null, null, null, 0));
        }
        filters.add(new AuditFilter(java.util.Set.of("w1", "w3"), java.util.Set.of("user_action"),
                java.util.Set.of("info"), null, null, null, "success", all.get(all.size() / 2).event().timestamp(), null,
                null, 0));
        filters.add(new AuditFilter(java.util.Set.of("w2"), null, null, java.util.Set.of("10.0.0.1", "10.0.0.3"),
                null, "r2", null, null, null, null, 0));
        filters.add(new AuditFilter(null, null, null, java.util.Set.of("10.0.0.2"), "append-7", null, null, null, null,
                null, 0));
        filters.add(new AuditFilter(null, null, null, java.util.Set.of("10.9.9.9"), null, null, null, null, null, null, 0));
        for (AuditFilter f : filters) {
            List<Long> scan = all.stream().filter(f::matches).map(AuditRecord::seq).toList();
            assertThat(AuditIndexTest.query(store, f)).as(f.toString()).isEqualTo(scan);
        }
        VerifyReport v = new AuditVerifier(store).verify(null);
        assertThat(v.status()).as(String.valueOf(v.problem())).isEqualTo("intact");
        assertThat(v.records()).isEqualTo(all.size());
        for (DayFile f : store.files()) {
            assertThat(AuditPostings.repair(f.path())).as("postings of " + f.name() + " after verify").isTrue();
            assertThat(AuditTesting.indexUpToDate(f.path())).as("index of " + f.name() + " after verify").isTrue();
        }
        assertThat(store.files()).anyMatch(f -> Files.exists(AuditPostings.of(f.path())));
        for (AuditFilter f : filters) {
            List<Long> scan = all.stream().filter(f::matches).map(AuditRecord::seq).toList();
            assertThat(AuditIndexTest.query(store, f)).as(f.toString()).isEqualTo(scan);
        }
    }
}
