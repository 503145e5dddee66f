package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests with random seeds: damage one record of a keyed log in a random way and check that verify names that
 * record (file, line, seq) and the right verdict. A failing seed is in the test name, so it reproduces.
 */
class AuditVerifyPropertyTest {
    private static final byte[] KEY = "property-test-hmac-key-0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    static LongStream seeds() {
        long base = Long.getLong("audit.seed", System.nanoTime());
        return LongStream.range(0, 25).map(i -> base + i);
    }

    private AuditStore build(Random rnd, FakeClock clock) {
        AuditStore store = AuditTesting.store(dir, clock, KEY, null);
        int n = 20 + rnd.nextInt(60);
        List<AuditEvent> events = AuditTesting.randomEvents(rnd, n, clock.instant(), Duration.ofHours(1));
        store.append(events);
        return store;
    }

    private Path file() {
        return dir.resolve("audit-2026-11-23.jsonl");
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file(), StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws IOException {
        Files.writeString(file(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static FakeClock clock() {
        return new FakeClock(Instant.parse("2026-11-23T01:00:00Z"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFlippedByteIsFoundAtItsRecord(long seed) throws IOException {
        Random rnd = new Random(seed);
        AuditStore store = build(rnd, clock());
        byte[] b = Files.readAllBytes(file());
        int pos = rnd.nextInt(b.length - 1); // not the final newline
        b[pos] ^= (byte) (1 + rnd.nextInt(127));
        int line = 1;
        for (int i = 0; i < pos; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        Files.write(file(), b);
        VerifyReport r = new AuditVerifier(store).verify(null);
        assertThat(r.status()).isEqualTo("broken");
        assertThat(r.problem().line()).isEqualTo(line);
        assertThat(r.problem().verdict()).isIn("malformed", "hash_mismatch");
        assertThat(r.problem().file()).endsWith("audit-2026-11-23.jsonl");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aDeletedLineIsASeqGapAtItsPlace(long seed) throws IOException {
        Random rnd = new Random(seed);
        AuditStore store = build(rnd, clock());
        List<String> lines = lines();
        int k = rnd.nextInt(lines.size() - 1); // a line that has a successor
        lines.remove(k);
        write(lines);
        VerifyReport r = new AuditVerifier(store).verify(null);
        assertThat(r.problem().verdict()).isEqualTo("seq_gap");
        assertThat(r.problem().line()).isEqualTo(k + 1);
        assertThat(r.problem().seq()).isEqualTo(k + 2L);
        assertThat(r.problem().expected()).isEqualTo("seq " + (k + 1));
        assertThat(r.problem().actual()).isEqualTo("seq " + (k + 2));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void swappedLinesAreReordered(long seed) throws IOException {
        Random rnd = new Random(seed);
        AuditStore store = build(rnd, clock());
        List<String> lines = lines();
        int k = rnd.nextInt(lines.size() - 1);
        int j = k + 1 + rnd.nextInt(lines.size() - k - 1);
        String t = lines.get(k);
        lines.set(k, lines.get(j));
        lines.set(j, t);
        write(lines);
        VerifyReport r = new AuditVerifier(store).verify(null);
        assertThat(r.problem().verdict()).isEqualTo("reordered");
        assertThat(r.problem().line()).isEqualTo(k + 1);
        assertThat(r.problem().seq()).isEqualTo(j + 1L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aTruncatedTailIsIntactButShortOfTheAnchor(long seed) throws IOException {
        Random rnd = new Random(seed);
        AuditStore store = build(rnd, clock());
        Anchor anchor = AnchorIo.head(store);
        byte[] b = Files.readAllBytes(file());
        int cut = 1 + rnd.nextInt(b.length - 1);
        Files.write(file(), java.util.Arrays.copyOf(b, cut));
        long newlines = 0;
        for (int i = 0; i < cut; i++) {
            if (b[i] == '\n') {
                newlines++;
            }
        }
        long complete = newlines;
        VerifyReport r = new AuditVerifier(store).verify(anchor);
        assertThat(r.problem()).isNull();
        assertThat(r.lastSeq()).isEqualTo(complete);
        assertThat(r.status()).isEqualTo("incomplete");
        assertThat(r.completeness().complete()).isFalse();
        assertThat(r.completeness().message()).contains("ends at seq " + complete).contains("anchor says seq " + anchor.seq());
        if (b[cut - 1] != '\n') {
            assertThat(r.warnings()).anyMatch(w -> w.contains("line " + (complete + 1) + ": torn last line"));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRecordRehashedWithoutTheKeyIsCaught(long seed) throws Exception {
        Random rnd = new Random(seed);
        AuditStore store = build(rnd, clock());
        List<String> lines = lines();
        int k = rnd.nextInt(lines.size());
        String edited = lines.get(k).replaceFirst("\"result\":\"[a-z]+\"", "\"result\":\"success\"")
                .replaceFirst("\"level\":\"[a-z]+\"", "\"level\":\"debug\"");
        byte[] eb = edited.getBytes(StandardCharsets.UTF_8);
        byte[] canon = RecordCodec.canonicalWithoutHash(eb, 0, eb.length);
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canon));
        lines.set(k, edited.replaceFirst("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + plain + "\""));
        write(lines);
        VerifyReport r = new AuditVerifier(store).verify(null);
        assertThat(r.problem().verdict()).isEqualTo("unkeyed_hash");
        assertThat(r.problem().line()).isEqualTo(k + 1);
        assertThat(r.problem().seq()).isEqualTo(k + 1L);
        assertThat(r.problem().actual()).isEqualTo(plain);
    }
}
