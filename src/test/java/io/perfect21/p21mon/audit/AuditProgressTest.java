package io.perfect21.p21mon.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit core tells an {@link AuditProgress} how far import, verify, export and prune are: running totals that
 * never go back, a fixed total where one is known, one {@code done()} at the end, and per chunk, not per record.
 */
class AuditProgressTest {
    static final int EVENTS = 12_000;

    @TempDir
    Path dir;

    /** Records every update and the done() calls. */
    static final class Recorder implements AuditProgress {
        final List<long[]> updates = new ArrayList<>();
        int done;

        @Override
        public void update(long records, long bytes, long totalBytes) {
            assertThat(done).as("no update after done()").isZero();
            updates.add(new long[]{records, bytes, totalBytes});
        }

        @Override
        public void done() {
            done++;
        }

        void assertMonotonic(long expectedTotal) {
            assertThat(done).isEqualTo(1);
            assertThat(updates).isNotEmpty();
            for (int i = 1; i < updates.size(); i++) {
                assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
                assertThat(updates.get(i)[1]).isGreaterThanOrEqualTo(updates.get(i - 1)[1]);
            }
            for (long[] u : updates) {
                assertThat(u[2]).isEqualTo(expectedTotal);
                if (expectedTotal > 0) {
                    assertThat(u[1]).isBetween(0L, expectedTotal);
                }
            }
        }
    }

    Path input() throws Exception {
        StringBuilder sb = new StringBuilder();
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < EVENTS; i++) {
            sb.append("{\"event_type\":\"user_action\",\"timestamp\":\"")
                    .append(start.plusSeconds(i * 60L)).append("\",\"user_id\":\"u").append(i % 13)
                    .append("\",\"action\":\"a").append(i).append("\",\"resource\":\"r").append(i % 5)
                    .append("\",\"result\":\"success\",\"details\":{\"n\":").append(i).append("}}\n");
        }
        Path in = dir.resolve("events.jsonl");
        Files.writeString(in, sb);
        return in;
    }

    AuditStore store() {
        return AuditTesting.store(dir.resolve("store"), Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void importTellsLinesAndInputBytesOfTheKnownTotal() throws Exception {
        Path in = input();
        Recorder r = new Recorder();
        ImportReport report = new AuditImporter(store(), ZoneOffset.UTC).importFrom(in.toString(), null, r);
        assertThat(report.imported()).isEqualTo(EVENTS);
        r.assertMonotonic(Files.size(in));
        assertThat(r.updates.size()).as("per chunk of lines, not per line").isBetween(2, EVENTS / 1000);
        assertThat(r.updates.get(r.updates.size() - 1)).containsExactly(EVENTS, Files.size(in), Files.size(in));
    }

    @Test
    void importFromStdinHasNoTotal() throws Exception {
        Recorder r = new Recorder();
        new AuditImporter(store(), ZoneOffset.UTC).importFrom("-", new ByteArrayInputStream(Files.readAllBytes(input())), r);
        r.assertMonotonic(-1);
    }

    @Test
    void verifyExportAndPruneTellTheirProgressToo() throws Exception {
        AuditStore store = store();
        new AuditImporter(store, ZoneOffset.UTC).importFrom(input().toString(), null);

        Recorder v = new Recorder();
        VerifyReport report = new AuditVerifier(store).verify(null, v);
        assertThat(report.status()).isEqualTo("intact");
        long stored = 0;
        try (var files = Files.list(dir.resolve("store"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("audit-")
                    && !p.getFileName().toString().endsWith(".idx")).toList()) { // the day files, not their indexes
                stored += Files.size(p);
            }
        }
        v.assertMonotonic(stored);

        Recorder e = new Recorder();
        StringWriter out = new StringWriter();
        assertThat(new AuditExporter(store).export(AuditFilter.all(), true, null, out, e)).isEqualTo(EVENTS);
        e.assertMonotonic(-1);
        assertThat(e.updates).hasSize(EVENTS / AuditExporter.PROGRESS_EVERY);

        Recorder p = new Recorder();
        PruneReport pruned = new AuditPruner(store).prune(Duration.ofDays(25), Duration.ofDays(1), false, p);
        assertThat(pruned.removed()).isNotEmpty();
        p.assertMonotonic(stored - Files.size(store.files().get(store.files().size() - 1).path()));
    }
}
