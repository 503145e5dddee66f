package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The line source and the chunked, pre-checked reader yield exactly the lines of a plain split, across block boundaries. */
class PrecheckedLinesTest {
    static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void sameLinesAsLineSourceAndAPlainSplitWhateverTheLengthsAndLimits() throws IOException {
        Random rnd = new Random(42);
        for (int round = 0; round < 12; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int lines = 1 + rnd.nextInt(12_000);
            for (int i = 0; i < lines; i++) {
                int len = rnd.nextInt(4000) == 0 ? rnd.nextInt(3 << 20) : rnd.nextInt(600);
                byte[] line = new byte[len];
                Arrays.fill(line, (byte) ('a' + rnd.nextInt(26)));
                out.write(line);
                if (i < lines - 1 || rnd.nextBoolean()) {
                    out.write('\n');
                }
            }
            byte[] data = out.toByteArray();
            long limit = rnd.nextBoolean() ? Long.MAX_VALUE : rnd.nextInt(data.length + 1);
            assertSame(data, limit);
        }
        assertSame(new byte[0], Long.MAX_VALUE);
        assertSame("\n\n".getBytes(StandardCharsets.US_ASCII), Long.MAX_VALUE);
    }

    @Test
    void aValidRecordIsFastAndAChangedOneIsNot(@TempDir java.nio.file.Path dir) throws IOException {
        FakeClock clock = new FakeClock(java.time.Instant.parse("2026-11-23T10:00:00Z"));
        AuditTesting.store(dir, clock).append(java.util.List.of(AuditTesting.event(1), AuditTesting.event(2)));
        byte[] file = java.nio.file.Files.readAllBytes(DayFile.list(dir).get(0).path());
        String text = new String(file, StandardCharsets.UTF_8).replace("\"act2\"", "\"act3\"");
        PrecheckedLines r = new PrecheckedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), POOL, 3, null);
        assertThat(r.next()).isTrue();
        assertThat(r.good).isTrue();
        assertThat(r.seq).isEqualTo(1);
        assertThat(new String(r.buf, r.prevStart, r.prevEnd - r.prevStart, StandardCharsets.US_ASCII)).isEqualTo(AuditRecord.GENESIS);
        assertThat(r.next()).isTrue();
        assertThat(r.good).isFalse();
        assertThat(r.next()).isFalse();
    }

    @Test
    void aRecordInAnotherMemberOrderIsCheckedByTheGeneralScan(@TempDir java.nio.file.Path dir) throws IOException {
        FakeClock clock = new FakeClock(java.time.Instant.parse("2026-11-23T10:00:00Z"));
        AuditTesting.store(dir, clock).append(java.util.List.of(AuditTesting.event(1)));
        String line = java.nio.file.Files.readString(DayFile.list(dir).get(0).path()).strip();
        assertThat(line).startsWith("{\"seq\":1,");
        // the same members (so the same canonical form and hash), seq moved before prev: not p21mon's layout
        String moved = "{" + line.substring("{\"seq\":1,".length()).replace(",\"prev\":", ",\"seq\":1,\"prev\":");
        for (String text : java.util.List.of(line, moved)) {
            try (PrecheckedLines r = new PrecheckedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    POOL, 3, null)) {
                assertThat(r.next()).isTrue();
                assertThat(r.good).as(text).isTrue();
                assertThat(r.seq).isEqualTo(1);
            }
        }
    }

    @Test
    void aRecordBrokenOverTwoLinesIsTwoLinesNeitherFast(@TempDir java.nio.file.Path dir) throws IOException {
        FakeClock clock = new FakeClock(java.time.Instant.parse("2026-11-23T10:00:00Z"));
        AuditTesting.store(dir, clock).append(java.util.List.of(AuditTesting.event(1), AuditTesting.event(2)));
        String text = java.nio.file.Files.readString(DayFile.list(dir).get(0).path());
        // still one JSON object, but over two lines: a line is what ends at a newline, whatever parses on
        String broken = text.replaceFirst("\"details\":\\{", "\"details\":{\n");
        assertThat(broken).isNotEqualTo(text);
        try (PrecheckedLines r = new PrecheckedLines(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)),
                POOL, 3, null)) {
            assertThat(r.next()).isTrue();
            assertThat(r.good).isFalse();
            assertThat(r.next()).isTrue();
            assertThat(r.good).isFalse();
            assertThat(r.lineNo).isEqualTo(2);
            assertThat(r.next()).isTrue();
            assertThat(r.good).isTrue();
            assertThat(r.seq).isEqualTo(2);
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void reusedChunksFlagOnlyTheChangedRecord(@TempDir java.nio.file.Path dir) throws IOException {
        FakeClock clock = new FakeClock(java.time.Instant.parse("2026-11-23T10:00:00Z"));
        java.util.List<AuditEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // several MiB: chunks are read through and reused
            events.add(AuditTesting.event(i));
        }
        AuditTesting.store(dir, clock).append(events);
        byte[] file = java.nio.file.Files.readAllBytes(DayFile.list(dir).get(0).path());
        String text = new String(file, StandardCharsets.UTF_8).replace("\"act15000\"", "\"act15001\"");
        try (PrecheckedLines r = new PrecheckedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                POOL, 3, null)) {
            while (r.next()) {
                assertThat(r.good).as("line %d", r.lineNo).isEqualTo(r.lineNo != 15_001);
                if (r.good) {
                    assertThat(r.seq).isEqualTo(r.lineNo);
                }
            }
            assertThat(r.lineNo).isEqualTo(20_000);
        }
    }

    private static void assertSame(byte[] data, long limit) throws IOException {
        int size = (int) Math.min(limit, data.length);
        int from = 0; // the lines a plain split of the data gives
        try (LineSource a = new LineSource(new ByteArrayInputStream(data)).limit(limit);
             PrecheckedLines b = new PrecheckedLines(new ByteArrayInputStream(data), POOL, 3, null).limit(limit)) {
            while (true) {
                boolean more = a.next();
                assertThat(b.next()).isEqualTo(more);
                if (!more) {
                    assertThat(from).as("every line read").isGreaterThanOrEqualTo(size);
                    return;
                }
                int nl = from;
                while (nl < size && data[nl] != '\n') {
                    nl++;
                }
                assertThat(Arrays.equals(a.buf, a.start, a.end, data, from, nl)).as("line %d", a.lineNo).isTrue();
                assertThat(a.terminated).isEqualTo(nl < size);
                from = nl + 1;
                assertThat(b.lineNo).isEqualTo(a.lineNo);
                assertThat(b.terminated).as("line %d terminated", a.lineNo).isEqualTo(a.terminated);
                assertThat(Arrays.equals(b.buf, b.start, b.end, a.buf, a.start, a.end)).as("line %d", a.lineNo).isTrue();
            }
        }
    }
}
