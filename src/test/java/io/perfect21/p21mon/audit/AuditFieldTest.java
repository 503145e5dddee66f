package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.testing.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one field list is the order of SPEC §4.4, and every writer and reader follows it. */
class AuditFieldTest {
    private static final List<String> SPEC = List.of("seq", "event_id", "timestamp", "host", "event_type", "level",
            "user_id", "session_id", "source_ip", "user_agent", "resource", "action", "result", "details", "metadata",
            "prev", "hash");

    @TempDir
    Path dir;

    private static List<String> keys(String line) {
        LineScanner sc = new LineScanner();
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThat(sc.scan(b, 0, b.length)).as(line).isTrue();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < sc.count; i++) {
            keys.add(sc.key(i));
        }
        return keys;
    }

    @Test
    void storedTimestampsAreUtcWithMillisecondsAndMoreDigitsOnlyWhenPresent() {
        java.util.Random rnd = new java.util.Random(5);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
        for (int i = 0; i < 20_000; i++) {
            long sec = -30_610_224_000L + (long) (rnd.nextDouble() * (253_402_300_800L + 30_610_224_000L));
            int nanos = switch (i % 3) {
                case 0 -> rnd.nextInt(1000) * 1_000_000;
                case 1 -> rnd.nextInt(1_000_000) * 1000;
                default -> rnd.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(sec, nanos);
            String n = String.format("%09d", nanos);
            String fraction = nanos % 1_000_000 == 0 ? n.substring(0, 3) : nanos % 1000 == 0 ? n.substring(0, 6) : n;
            String expected = java.time.LocalDateTime.ofEpochSecond(sec, 0, java.time.ZoneOffset.UTC).format(f)
                    + "." + fraction + "Z";
            assertThat(Timestamps.format(t)).isEqualTo(expected);
            assertThat(Timestamps.parseUtc(expected)).isEqualTo(t);
        }
        assertThat(Timestamps.format(Instant.parse("0999-12-31T23:59:59Z"))).isEqualTo("0999-12-31T23:59:59Z");
        assertThat(Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void storedLinesAndTheirJsonHaveTheFieldsInTheOrderOfTheSpec() throws IOException {
        assertThat(Arrays.stream(AuditField.values()).map(f -> f.key)).containsExactlyElementsOf(SPEC);
        assertThat(AuditField.EVENT.stream().map(f -> f.key)).containsExactlyElementsOf(SPEC.subList(1, 15));
        AuditStore store = AuditTesting.store(dir, new FakeClock(Instant.parse("2026-11-23T10:00:00Z")));
        AuditRecord r = store.append(List.of(AuditTesting.event(1))).get(0);
        String stored = Files.readString(DayFile.list(dir).get(0).path()).strip();
        assertThat(keys(stored)).containsExactlyElementsOf(SPEC);
        assertThat(AuditJson.line(r)).isEqualTo(stored);
        assertThat(keys(AuditJson.line(r, false))).containsExactlyElementsOf(SPEC.subList(1, 15));
        assertThat(AuditField.event(f -> f.of(r.event()))).isEqualTo(r.event());
    }
}
