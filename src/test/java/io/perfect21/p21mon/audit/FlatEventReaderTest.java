package io.perfect21.p21mon.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Import's fast path stores exactly what the general path stores, and leaves every other line to it. */
class FlatEventReaderTest {
    private static final ZoneId NAIVE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private AuditStore store() {
        return AuditTesting.store(dir, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    /** The fast path's answer, checked against the general path's when there is one. */
    private AuditStore.Prepared both(String line) throws Exception {
        AuditStore store = store();
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        AuditStore.Prepared fast = store.flatEventReader(NAIVE).read(b, 0, b.length);
        if (fast != null) {
            AuditStore.Prepared general = new AuditImporter(store, NAIVE)
                    .prepareGeneral(b, 0, b.length, Instant.parse("2026-11-23T10:00:00Z"), new AuditImporter.Checksums());
            assertThat(new String(fast.body(), StandardCharsets.UTF_8)).as(line)
                    .isEqualTo(new String(general.body(), StandardCharsets.UTF_8));
            assertThat(fast.starts()).as(line).containsExactly(general.starts());
            assertThat(fast.ends()).as(line).containsExactly(general.ends());
            assertThat(fast.event().timestamp()).as(line).isEqualTo(general.event().timestamp());
        }
        return fast;
    }

    @Test
    void commonLinesTakeTheFastPathAndMatchTheGeneralPath() throws Exception {
        List<String> lines = List.of(
                "{\"event_id\":\"e1\",\"timestamp\":\"2026-10-25T00:00:00Z\",\"host\":\"web-1\",\"event_type\":\"USER_LOGIN\","
                        + "\"level\":\"INFO\",\"user_id\":\"u1\",\"session_id\":\"s\",\"source_ip\":\"10.0.0.1\","
                        + "\"user_agent\":\"Mozilla/5.0\",\"resource\":\"/api/items/1\",\"action\":\"read\",\"result\":\"success\","
                        + "\"details\":{\"status_code\":200,\"duration_ms\":-476,\"ok\":true,\"no\":false,\"z\":null,\"a\":\"x\"},"
                        + "\"metadata\":{\"component\":\"api\"}}",
                // the reference module's layout: spaces after separators, naive local time, fields in another order
                "{\"timestamp\": \"2026-10-25T12:34:56.789123\", \"event_type\": \"user_action\", \"level\": \"warning\", "
                        + "\"event_id\": \"e2\", \"user_id\": null, \"details\": {\"password\": \"hunter2\", \"api_key\": null, "
                        + "\"Db_Password\": 5, \"b\": 0}, \"metadata\": {}}",
                // missing host (this store's), missing level (info), null details and metadata
                "{\"event_id\":\"e3\",\"timestamp\":\"2026-10-25T00:00:00.5+02:00\",\"event_type\":\"data_read\","
                        + "\"details\":null,\"metadata\":null}",
                " {\"event_id\":\"e4\",\"event_type\":\"x\",\"timestamp\":\"2026-10-25\",\"details\":{\"secret\":\"***\"}}\t");
        for (String line : lines) {
            assertThat(both(line)).as(line).isNotNull();
        }
    }

    @Test
    void secretsAreMaskedOnTheFastPath() throws Exception {
        AuditStore.Prepared p = both("{\"event_id\":\"e\",\"timestamp\":\"2026-10-25T00:00:00Z\",\"event_type\":\"x\","
                + "\"details\":{\"user_token\":\"abc\",\"keep\":\"abc\"}}");
        assertThat(new String(p.body(), StandardCharsets.UTF_8))
                .contains("\"details\":{\"keep\":\"abc\",\"user_token\":\"***\"}");
    }

    @Test
    void anEventWithoutIdGetsAFreshOne() throws Exception {
        AuditStore store = store();
        byte[] b = "{\"timestamp\":\"2026-10-25T00:00:00Z\",\"event_type\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        AuditStore.Prepared p = store.flatEventReader(NAIVE).read(b, 0, b.length);
        assertThat(new String(p.body(), StandardCharsets.UTF_8)).matches("^,\"event_id\":\"[0-9a-f-]{36}\",.*");
    }

    @Test
    void everyOtherLineIsLeftToTheGeneralPath() throws Exception {
        String ok = "\"event_id\":\"e\",\"timestamp\":\"2026-10-25T00:00:00Z\",\"event_type\":\"x\"";
        List<String> lines = List.of(
                "{" + ok + ",\"checksum\":\"0123456789abcdef\"}", // the reference checksum is checked there
                "{" + ok + ",\"seq\":5}", // an unknown field
                "{" + ok + ",\"user_id\":\"a\",\"user_id\":\"b\"}", // a repeated field
                "{" + ok + ",\"details\":{\"a\":1,\"a\":2}}", // a repeated nested key
                "{" + ok + ",\"user_id\":\"caf\u00e9\"}", // non-ASCII text
                "{" + ok + ",\"user_id\":\"a\\\"b\"}", // an escape
                "{" + ok + ",\"user_id\":42}", // a number where text belongs
                "{" + ok + ",\"details\":{\"a\":{\"b\":1}}}", // nested
                "{" + ok + ",\"details\":{\"a\":[1]}}",
                "{" + ok + ",\"details\":{\"a\":1.5}}", // fractions and exponents take JCS's number form
                "{" + ok + ",\"details\":{\"a\":1e3}}",
                "{" + ok + ",\"details\":{\"a\":-0}}",
                "{" + ok + ",\"details\":{\"a\":007}}",
                "{" + ok + ",\"details\":{\"a\":12345678901234567}}", // beyond 2^53
                "{" + ok + ",\"details\":\"text\"}",
                "{\"event_id\":\"e\",\"timestamp\":\"2026-10-25T00:00:00Z\",\"event_type\":\"  \"}", // blank type
                "{\"event_id\":\"e\",\"timestamp\":\"yesterday\",\"event_type\":\"x\"}", // a bad time
                "{\"event_id\":\"e\",\"timestamp\":1700000000,\"event_type\":\"x\"}", // epoch seconds
                "{\"event_id\":\"e\",\"event_type\":\"x\"}", // no time
                "{" + ok + "} x", // text after the object
                "{" + ok + ",}",
                "{" + ok,
                "{}",
                "[1]",
                "");
        for (String line : lines) {
            assertThat(both(line)).as(line).isNull();
        }
    }

    @Test
    void randomLinesMatchTheGeneralPath() throws Exception {
        Random rnd = new Random(7);
        String[] values = {"\"a\"", "\"B c\"", "null", "true", "false", "0", "-12", "123456789012345", "\"***\"",
            "\"x/y\"", "1.0", "\"\\u0041\""};
        String[] keys = {"password", "token", "a", "b", "Z", "a_b", "api_key", "aa", "user_token"};
        int fast = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder("{\"event_id\":\"e").append(i).append("\",\"timestamp\":\"2026-")
                    .append(10 + rnd.nextInt(2)).append("-1").append(rnd.nextInt(10)).append("T0")
                    .append(rnd.nextInt(10)).append(":00:00").append(rnd.nextBoolean() ? ".25" : "")
                    .append(rnd.nextBoolean() ? "Z" : "").append("\",\"event_type\":\"T").append(rnd.nextInt(3))
                    .append("\"");
            for (String obj : new String[] {"details", "metadata"}) {
                if (rnd.nextBoolean()) {
                    sb.append(',').append(rnd.nextBoolean() ? " " : "").append('"').append(obj).append("\":{");
                    List<String> used = new ArrayList<>();
                    int n = rnd.nextInt(5);
                    for (int k = 0; k < n; k++) {
                        String key = keys[rnd.nextInt(keys.length)];
                        if (used.contains(key)) {
                            continue;
                        }
                        used.add(key);
                        sb.append(used.size() > 1 ? "," : "").append('"').append(key).append("\":")
                                .append(values[rnd.nextInt(values.length)]);
                    }
                    sb.append('}');
                }
            }
            sb.append('}');
            if (both(sb.toString()) != null) {
                fast++;
            }
        }
        assertThat(fast).isGreaterThan(500);
    }
}
