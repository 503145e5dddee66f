package io.perfect21.p21mon.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code audit query}, {@code report} and {@code export} select; every given criterion must hold (AND), the
 * values of a repeated one are alternatives (OR). Times: {@code since} inclusive, {@code until} exclusive.
 * {@code grep} is a substring of the record's JSON line. {@code afterSeq} skips records up to a checkpoint.
 */
public record AuditFilter(Set<String> users, Set<String> types, Set<String> levels, Set<String> sourceIps,
                          String action, String resource, String result, Instant since, Instant until, String grep,
                          long afterSeq) {

    public AuditFilter {
        users = users == null ? Set.of() : Set.copyOf(users);
        types = types == null ? Set.of() : Set.copyOf(types);
        levels = levels == null ? Set.of() : Set.copyOf(levels);
        sourceIps = sourceIps == null ? Set.of() : Set.copyOf(sourceIps);
    }

    /** Everything. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null, null, null, null, null, 0);
    }

    public AuditFilter afterSeq(long seq) {
        return new AuditFilter(users, types, levels, sourceIps, action, resource, result, since, until, grep, seq);
    }

    /** Whether the record matches (the grep part is checked on the line by the engine). */
    public boolean matches(AuditRecord r) {
        AuditEvent e = r.event();
        return r.seq() > afterSeq
                && in(users, e.userId())
                && in(types, e.eventType())
                && in(levels, e.level())
                && in(sourceIps, e.sourceIp())
                && (action == null || action.equals(e.action()))
                && (resource == null || resource.equals(e.resource()))
                && (result == null || result.equals(e.result()))
                && (since == null || (e.timestamp() != null && !e.timestamp().isBefore(since)))
                && (until == null || (e.timestamp() != null && e.timestamp().isBefore(until)));
    }

    /** No values given, or one of them (an absent field is none: the sets are immutable and refuse a null). */
    private static boolean in(Set<String> values, String value) {
        return values.isEmpty() || value != null && values.contains(value);
    }

    /**
     * Byte strings every matching plain line contains, as p21mon writes them: a cheap test on the raw line before
     * any parsing.
     */
    List<byte[]> needles() {
        List<byte[]> out = new ArrayList<>();
        if (users.size() == 1) {
            out.add(needle("user_id", users.iterator().next()));
        }
        if (types.size() == 1) {
            out.add(needle("event_type", types.iterator().next()));
        }
        if (levels.size() == 1) {
            out.add(needle("level", levels.iterator().next()));
        }
        if (sourceIps.size() == 1) {
            out.add(needle("source_ip", sourceIps.iterator().next()));
        }
        if (action != null) {
            out.add(needle("action", action));
        }
        if (resource != null) {
            out.add(needle("resource", resource));
        }
        if (result != null) {
            out.add(needle("result", result));
        }
        if (grep != null) {
            out.add(grep.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] needle(String key, String value) {
        ByteBuf b = new ByteBuf(64);
        b.ascii(",\"").ascii(key).ascii("\":");
        if (value == null) {
            b.ascii("null");
        } else {
            Jcs.string(b, value);
        }
        b.put((byte) ',');
        return b.toArray();
    }
}
