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
