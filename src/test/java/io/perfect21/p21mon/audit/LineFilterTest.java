package io.perfect21.p21mon.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LineFilter} against decoding: on random lines, as p21mon writes them and bent the ways a hand-edited or
 * foreign line can be, and random filters, a sure answer is always what {@link AuditFilter#matches} says of the
 * decoded record (a line decoding rejects is never a match), and the lines p21mon writes always get a sure answer.
 */
class LineFilterTest {
    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void aSureAnswerIsWhatDecodingAndMatchingSayAndStoredLinesAlwaysGetOne() throws Exception {
        Random rnd = new Random(24);
        List<AuditEvent> events = AuditTesting.randomEvents(rnd, 300, START, Duration.ofHours(6));
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            stored.add(AuditJson.line(new AuditRecord(i + 1, events.get(i), AuditRecord.GENESIS, "h".repeat(64))));
        }
        RecordCodec codec = new RecordCodec(null, null);
        int sure = 0;
        int matched = 0;
        for (int round = 0; round < 200; round++) {
            AuditFilter filter = randomFilter(rnd);
            LineFilter lines = new LineFilter(filter);
            for (int i = 0; i < stored.size(); i++) {
                String line = stored.get(i);
                boolean bent = rnd.nextInt(3) == 0;
                if (bent) {
                    line = bend(line, rnd);
                }
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                int answer = lines.test(b, 0, b.length);
                boolean expected;
                try {
                    expected = filter.matches(codec.decode(b, 0, b.length));
                } catch (RecordCodec.BadRecord bad) {
                    expected = false;
                }
                if (!bent) {
                    assertThat(answer).as("a stored line gets a sure answer: %s", line).isNotEqualTo(LineFilter.UNSURE);
                }
                if (answer != LineFilter.UNSURE) {
                    sure++;
                    assertThat(answer == LineFilter.YES).as("%s on %s", filter, line).isEqualTo(expected);
                    matched += expected ? 1 : 0;
                }
            }
        }
        assertThat(sure).isGreaterThan(40_000); // every line p21mon wrote (2 in 3), and some of the bent ones
        assertThat(matched).isGreaterThan(500); // the filters are not all too narrow to match
    }

    private static AuditFilter randomFilter(Random rnd) {
        Set<String> users = pick(rnd, "u", 5, "ü0", "u\\u0031");
        Set<String> types = rnd.nextInt(3) == 0 ? Set.of(AuditEventType.values()[rnd.nextInt(5)].value()) : Set.of();
        Set<String> levels = rnd.nextInt(4) == 0 ? Set.of(AuditLevel.values()[rnd.nextInt(AuditLevel.values().length)].value()) : Set.of();
        Set<String> ips = pick(rnd, "10.0.0.", 3);
        String action = rnd.nextInt(4) == 0 ? "a" + rnd.nextInt(3) : null;
        String resource = rnd.nextInt(4) == 0 ? "r" + rnd.nextInt(4) : null;
        String result = rnd.nextInt(4) == 0 ? List.of("success", "failure", "error", "blocked").get(rnd.nextInt(4)) : null;
        Instant since = rnd.nextInt(3) == 0 ? START.plusSeconds(rnd.nextInt(6 * 3600)) : null;
        Instant until = rnd.nextInt(3) == 0 ? START.plusSeconds(rnd.nextInt(6 * 3600)).plusNanos(rnd.nextInt(1000)) : null;
        long after = rnd.nextInt(4) == 0 ? rnd.nextInt(300) : 0;
        return new AuditFilter(users, types, levels, ips, action, resource, result, since, until, null, after);
    }

    private static Set<String> pick(Random rnd, String prefix, int n, String... odd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> Set.of(prefix + rnd.nextInt(n));
            case 1 -> Set.of(prefix + rnd.nextInt(n), odd.length > 0 ? odd[rnd.nextInt(odd.length)] : prefix + n);
            default -> Set.of();
        };
    }

    /** The line changed the way a hand edit or another writer might: still often a record decoding accepts. */
    private static String bend(String line, Random rnd) {
        return switch (rnd.nextInt(14)) {
            case 0 -> line.replace("\"user_id\":\"u", "\"user_id\":\"\\u0075"); // an escape for the same value
            case 1 -> line.replace("\"user_id\":\"u", "\"user_id\":\"ü");
            case 2 -> line.replaceFirst("\"user_id\":\"[^\"]*\"", "\"user_id\":null");
            case 3 -> line.replaceFirst("\"user_id\":\"[^\"]*\",", "");
            case 4 -> line.replaceFirst("\"level\":\"[^\"]*\"", "\"level\":7");
            case 5 -> line.replaceFirst("\"seq\":(\\d+)", "\"seq\":$1.0");
            case 6 -> line.replaceFirst(",\"prev\":\"[^\"]*\"", "");
            case 7 -> line.replaceFirst("\"timestamp\":\"([^\"]*)Z\"", "\"timestamp\":\"$1+00:00\"");
            case 8 -> line.replaceFirst("\"timestamp\":\"([^\"]*)\\.\\d+Z\"", "\"timestamp\":\"$1\"");
            case 9 -> line.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"yesterday\"");
            case 10 -> line.replace(",\"", ", \"");
            case 11 -> line.replaceFirst("\\{", "{\"user_id\":\"u1\",");
            case 12 -> line.replaceFirst("\"details\":\\{", "\"details\":[{").replaceFirst("},\"metadata\"", "}],\"metadata\"");
            default -> line.substring(0, line.length() - 1 - new Random(line.length()).nextInt(3));
        };
    }
}
