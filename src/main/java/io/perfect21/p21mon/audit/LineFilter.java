package io.perfect21.p21mon.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * An {@link AuditFilter} tested on a stored plain line's bytes, so that the records a query prints as stored
 * ({@code -o jsonl}) and the candidates it rejects are never decoded into maps and strings. It answers only where the
 * answer is certain to be {@link AuditFilter#matches}'s on the decoded record: a line in the shape every stored record
 * has (a JSON object; seq an integer; prev and hash strings; the event's fields strings, objects or null; a timestamp
 * in the form p21mon writes), the filter's fields plain ASCII strings without escapes or absent. Anything else is
 * {@link #UNSURE}, and the caller decodes the line as before.
 */
final class LineFilter {
    static final int NO = 0;
    static final int YES = 1;
    static final int UNSURE = 2;

    private final AuditFilter filter;
    /** Per field the filter names (user, type, level, source ip, action, resource, result): its values' bytes. */
    private final AuditField[] fields;
    private final byte[][][] values;
    private final LineScanner scanner = new LineScanner();
    /** Per field (by ordinal): its member's index in the scanned line, or -1 if absent. */
    private final int[] at = new int[AuditField.values().length];

    LineFilter(AuditFilter filter) {
        this.filter = filter;
        AuditField[] f = new AuditField[7];
        byte[][][] v = new byte[7][][];
        int n = 0;
        n = add(f, v, n, AuditField.USER_ID, filter.users());
        n = add(f, v, n, AuditField.EVENT_TYPE, filter.types());
        n = add(f, v, n, AuditField.LEVEL, filter.levels());
        n = add(f, v, n, AuditField.SOURCE_IP, filter.sourceIps());
        n = add(f, v, n, AuditField.ACTION, filter.action() == null ? Set.of() : Set.of(filter.action()));
        n = add(f, v, n, AuditField.RESOURCE, filter.resource() == null ? Set.of() : Set.of(filter.resource()));
        n = add(f, v, n, AuditField.RESULT, filter.result() == null ? Set.of() : Set.of(filter.result()));
        this.fields = java.util.Arrays.copyOf(f, n);
        this.values = java.util.Arrays.copyOf(v, n);
    }

    private static int add(AuditField[] f, byte[][][] v, int n, AuditField field, Set<String> alternatives) {
        if (alternatives.isEmpty()) {
            return n;
        }
        f[n] = field;
        v[n] = alternatives.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        return n + 1;
    }

    /** {@link #YES}, {@link #NO} or {@link #UNSURE} for the line {@code b[s, e)} (without its newline). */
    int test(byte[] b, int s, int e) {
        LineScanner sc = scanner;
        if (sc.scanLayoutAt(b, s, e, AuditField.KEYS, AuditField.KEY_ORDER) == e) {
            for (int f = 0; f < at.length; f++) {
                at[f] = f; // the members in the stored order, every one present: the form p21mon writes
            }
        } else if (sc.scan(b, s, e)) {
            for (AuditField f : AuditField.values()) {
                at[f.ordinal()] = sc.find(f.bytes);
            }
        } else {
            return UNSURE; // decoding reports it (a query skips what it cannot read)
        }
        long seq = at[0] < 0 ? Long.MIN_VALUE : sc.longValue(at[0]);
        if (seq == Long.MIN_VALUE) {
            return UNSURE;
        }
        Instant when = null;
        for (AuditField f : AuditField.values()) {
            if (f == AuditField.SEQ) {
                continue;
            }
            int k = at[f.ordinal()];
            byte first = k < 0 ? (byte) 'n' : b[sc.valueStart[k]];
            boolean ok = f == AuditField.PREV || f == AuditField.HASH ? first == '"' && k >= 0
                    : first == 'n' || first == (f.object() ? '{' : '"');
            if (!ok) {
                return UNSURE;
            }
            if (f == AuditField.TIMESTAMP && first == '"') {
                String text = plain(b, sc.valueStart[k], sc.valueEnd[k]);
                when = text == null ? null : Timestamps.parseUtc(text);
                if (when == null) {
                    return UNSURE;
                }
            }
        }
        if (seq <= filter.afterSeq()) {
            return NO;
        }
        if (filter.since() != null && (when == null || when.isBefore(filter.since()))
                || filter.until() != null && (when == null || !when.isBefore(filter.until()))) {
            return NO;
        }
        for (int f = 0; f < fields.length; f++) {
            int k = at[fields[f].ordinal()];
            if (k < 0 || b[sc.valueStart[k]] == 'n') {
                return NO; // absent or null: no value equals it
            }
            int from = sc.valueStart[k] + 1;
            int to = sc.valueEnd[k] - 1;
            if (!plainAscii(b, from, to)) {
                return UNSURE; // an escape or a non-ASCII byte: compare decoded strings
            }
            if (!any(values[f], b, from, to)) {
                return NO;
            }
        }
        return YES;
    }

    private static boolean any(byte[][] alternatives, byte[] b, int from, int to) {
        for (byte[] v : alternatives) {
            if (java.util.Arrays.equals(v, 0, v.length, b, from, to)) {
                return true;
            }
        }
        return false;
    }

    /** The text of a JSON string value {@code b[s, e)} (quotes included) if it is plain ASCII, else null. */
    private static String plain(byte[] b, int s, int e) {
        return plainAscii(b, s + 1, e - 1) ? new String(b, s + 1, e - s - 2, StandardCharsets.US_ASCII) : null;
    }

    /** Whether {@code b[from, to)} holds no escape and no byte outside ASCII: its bytes are the string's. */
    private static boolean plainAscii(byte[] b, int from, int to) {
        for (int p = from; p < to; p++) {
            if (b[p] == '\\' || b[p] < 0) {
                return false;
            }
        }
        return true;
    }
}
