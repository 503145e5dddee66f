package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.client.LokiClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;

/**
 * {@code audit query --loki}: the same filter read back from Loki with LogQL. Types and levels become label matchers,
 * the other criteria line filters; every record is checked again here, so the answer is the same as a local query.
 * Without {@code --since} the last 7 days are read (Loki bounds a query's length). Pages of 5000 entries, forward.
 */
public final class LokiReader {
    private static final int PAGE = 5000;
    private final LokiClient client;
    private final Clock clock;

    public LokiReader(String url, Clock clock) {
        this.client = new LokiClient(url, "--loki");
        this.clock = clock;
    }

    static String logql(AuditFilter f) {
        StringBuilder q = new StringBuilder("{job=\"").append(AnchorTargets.JOB).append('"');
        matcher(q, "type", f.types());
        matcher(q, "level", f.levels());
        q.append('}');
        for (byte[] n : f.needles()) {
            String s = new String(n, StandardCharsets.UTF_8);
            if (s.startsWith(",\"event_type\"") || s.startsWith(",\"level\"")) {
                continue;
            }
            q.append(" |= `").append(s.replace("`", "")).append('`');
        }
        return q.toString();
    }

    private static void matcher(StringBuilder q, String label, Set<String> values) {
        if (values.size() == 1) {
            q.append(',').append(label).append("=\"").append(values.iterator().next()).append('"');
        } else if (values.size() > 1) {
            q.append(',').append(label).append("=~\"").append(String.join("|", values.stream().sorted().toList())).append('"');
        }
    }

    public void run(AuditFilter filter, int limit, AuditSink sink) throws IOException {
        Instant end = filter.until() != null ? filter.until() : clock.instant();
        Instant start = filter.since() != null ? filter.since() : end.minus(Duration.ofDays(7));
        String q = logql(filter);
        ArrayDeque<AuditRecord> ring = limit > 0 ? new ArrayDeque<>() : null;
        while (true) {
            List<LokiClient.Entry> page = client.queryRange(q, start, end, PAGE, true);
            for (LokiClient.Entry e : page) {
                byte[] b = e.line().getBytes(StandardCharsets.UTF_8);
                AuditRecord r;
                try {
                    r = RecordCodec.toRecord(RecordCodec.parseObject(b, 0, b.length));
                } catch (RecordCodec.BadRecord bad) {
                    continue;
                }
                if (!filter.matches(r) || (filter.grep() != null && !e.line().contains(filter.grep()))) {
                    continue;
                }
                if (ring == null) {
                    sink.accept(r);
                } else {
                    if (ring.size() == limit) {
                        ring.removeFirst();
                    }
                    ring.addLast(r);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            long last = page.get(page.size() - 1).nanos() + 1;
            start = Instant.ofEpochSecond(last / 1_000_000_000L, last % 1_000_000_000L);
        }
        if (ring != null) {
            for (AuditRecord r : ring) {
                sink.accept(r);
            }
        }
    }
}
