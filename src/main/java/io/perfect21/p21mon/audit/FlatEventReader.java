package io.perfect21.p21mon.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Import's fast path: reads the common shape of an event line straight into the encoded body of a prepared plain
 * record, with no map per line (the JSON split by {@link LineScanner}, the fields those of {@link AuditField#EVENT}).
 * It takes only lines whose canonical form is plain to see: the known fields once each, strings of printable ASCII
 * without escapes (their bytes are their RFC 8785 form), and {@code details}/{@code metadata} as flat objects of such
 * strings, small integers, booleans and nulls. Any other line (a reference {@code checksum}, an unknown or repeated
 * field, escapes, non-ASCII text, nested values, fractions, bad JSON) gets null back and takes the general path,
 * which also words every error, so both paths store the same bytes for the same line. Not thread-safe.
 */
final class FlatEventReader {
    private static final List<AuditField> FIELDS = AuditField.EVENT;
    private static final int MAX_KEYS = 64;
    private static final byte[] MASKED = "\"***\"".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final Masker masker;
    private final ZoneId naiveZone;
    private final LineScanner line = new LineScanner();
    private final LineScanner details = new LineScanner();
    private final LineScanner metadata = new LineScanner();
    // value of each event field (by its place in FIELDS): [start, end) in the line, start -1 when absent
    private final AuditField[] layout = new AuditField[LineScanner.MAX];
    private final int[] valueStart = new int[FIELDS.size()];
    private final int[] valueEnd = new int[FIELDS.size()];
    // whether a nested key is one audit.mask_fields masks, remembered per key (lines of one file share few keys)
    private final byte[][] seenKeys = new byte[MAX_KEYS][];
    private final boolean[] seenSecret = new boolean[MAX_KEYS];
    private int seen;
    private final ByteBuf out = new ByteBuf(1024);
    private final int[] starts = new int[FIELDS.size()];
    private final int[] ends = new int[FIELDS.size()];
    private byte[] b;

    FlatEventReader(String host, Masker masker, ZoneId naiveZone) {
        this.host = host;
        this.masker = masker;
        this.naiveZone = naiveZone;
        line.sorting = false; // a repeated field is seen below
    }

    /** The prepared (slim) record of the line {@code line[from, to)}, or null when the line needs the general path. */
    AuditStore.Prepared read(byte[] bytes, int from, int to) {
        b = bytes;
        while (from < to && (b[from] == ' ' || b[from] == '\t' || b[from] == '\r')) {
            from++;
        }
        if (!line.scan(b, from, to)) {
            return null; // bad JSON: the general path words it
        }
        Arrays.fill(valueStart, -1);
        for (int i = 0; i < line.count; i++) {
            AuditField f = field(i);
            if (f == null || f == AuditField.SEQ || f == AuditField.PREV || f == AuditField.HASH) {
                return null; // unknown fields and chain fields: the general path decides
            }
            int s = line.valueStart[i];
            int e = line.valueEnd[i];
            boolean plain = isNull(s, e) || (f.object() ? flatObject(s, e, nested(f)) : plainString(s, e));
            if (valueStart[f.ordinal() - 1] >= 0 || !plain) {
                return null; // repeated, a number or boolean where text belongs, nested values, escapes: the general path
            }
            valueStart[f.ordinal() - 1] = s;
            valueEnd[f.ordinal() - 1] = e;
        }
        return encode();
    }

    /** The field of member i: first the one at that place in the last line (lines of a file share their layout). */
    private AuditField field(int i) {
        AuditField f = layout[i];
        if (f == null || !Arrays.equals(f.bytes, 0, f.bytes.length, b, line.keyStart[i], line.keyEnd[i])) {
            f = AuditField.ofKey(b, line.keyStart[i], line.keyEnd[i]);
            layout[i] = f;
        }
        return f;
    }

    private AuditStore.Prepared encode() {
        int type = AuditField.EVENT_TYPE.ordinal() - 1;
        int time = AuditField.TIMESTAMP.ordinal() - 1;
        if (!isString(type) || !isString(time) || blank(valueStart[type], valueEnd[type])) {
            return null;
        }
        Instant when;
        try {
            when = Timestamps.parse(new String(b, valueStart[time] + 1, valueEnd[time] - valueStart[time] - 2,
                    StandardCharsets.US_ASCII), naiveZone);
        } catch (RuntimeException bad) {
            return null;
        }
        out.clear();
        for (int i = 0; i < FIELDS.size(); i++) {
            AuditField f = FIELDS.get(i);
            out.put((byte) ',');
            starts[i] = out.length;
            out.put((byte) '"').put(f.bytes).put((byte) '"').put((byte) ':');
            int s = valueStart[i];
            int e = valueEnd[i];
            boolean absent = s < 0 || isNull(s, e);
            switch (f) {
                case EVENT_ID -> value(absent, s, e, UUID.randomUUID().toString());
                case TIMESTAMP -> Timestamps.json(out, when);
                case HOST -> value(absent, s, e, host);
                case EVENT_TYPE -> lowerCase(s, e);
                case LEVEL -> {
                    if (absent) {
                        out.ascii("\"info\"");
                    } else {
                        lowerCase(s, e);
                    }
                }
                case DETAILS, METADATA -> {
                    if (absent) {
                        out.ascii("{}");
                    } else {
                        canonicalObject(nested(f));
                    }
                }
                default -> {
                    if (absent) {
                        out.ascii("null");
                    } else {
                        out.put(b, s, e - s);
                    }
                }
            }
            ends[i] = out.length;
        }
        AuditEvent slim = new AuditEvent(null, when, null, null, null, null, null, null, null, null, null, null, null,
                null);
        return new AuditStore.Prepared(slim, out.toArray(), starts.clone(), ends.clone());
    }

    /** The value as it stands, or {@code dflt} when absent. */
    private void value(boolean absent, int s, int e, String dflt) {
        if (absent) {
            Jcs.string(out, dflt);
        } else {
            out.put(b, s, e - s);
        }
    }

    private LineScanner nested(AuditField f) {
        return f == AuditField.DETAILS ? details : metadata;
    }

    /** Whether {@code b[s, e)} is an object of plain keys and scalar values, as {@code nested} then splits it. */
    private boolean flatObject(int s, int e, LineScanner nested) {
        if (b[s] != '{' || !nested.scan(b, s, e)) {
            return false;
        }
        for (int i = 0; i < nested.count; i++) {
            int vs = nested.valueStart[i];
            int ve = nested.valueEnd[i];
            if (!plainString(nested.keyStart[i] - 1, nested.keyEnd[i] + 1) || !(plainString(vs, ve) || integer(vs, ve)
                    || isNull(vs, ve) || literal(vs, ve, "true") || literal(vs, ve, "false"))) {
                return false;
            }
        }
        return true;
    }

    /** Writes the flat object {@code nested} split with its members sorted by key, masking secrets. */
    private void canonicalObject(LineScanner nested) {
        out.put((byte) '{');
        for (int i = 0; i < nested.count; i++) {
            int m = nested.order[i];
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(b, nested.keyStart[m] - 1, nested.keyEnd[m] - nested.keyStart[m] + 2).put((byte) ':');
            int vs = nested.valueStart[m];
            int ve = nested.valueEnd[m];
            if (!isNull(vs, ve) && secret(nested.keyStart[m], nested.keyEnd[m])) {
                out.put(MASKED);
            } else {
                out.put(b, vs, ve - vs);
            }
        }
        out.put((byte) '}');
    }

    private boolean secret(int ks, int ke) {
        for (int i = 0; i < seen; i++) {
            byte[] k = seenKeys[i];
            if (Arrays.equals(k, 0, k.length, b, ks, ke)) {
                return seenSecret[i];
            }
        }
        boolean secret = masker.secret(new String(b, ks, ke - ks, StandardCharsets.US_ASCII));
        if (seen < MAX_KEYS) {
            seenKeys[seen] = Arrays.copyOfRange(b, ks, ke);
            seenSecret[seen] = secret;
            seen++;
        }
        return secret;
    }

    /** An integer whose text is its canonical form: no leading zero, no {@code -0}, below 2^53. */
    private boolean integer(int s, int e) {
        int d = b[s] == '-' ? s + 1 : s;
        int digits = e - d;
        if (digits == 0 || digits > 15 || (b[d] == '0' && (digits > 1 || d > s))) {
            return false;
        }
        for (int i = d; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean literal(int s, int e, String word) {
        return e - s == word.length() && b[s] == word.charAt(0);
    }

    /** A string whose every byte between the quotes is printable ASCII but a backslash: its bytes are its RFC 8785 form. */
    private boolean plainString(int s, int e) {
        if (e - s < 2 || b[s] != '"') {
            return false;
        }
        for (int i = s + 1; i < e - 1; i++) {
            byte c = b[i];
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                return false; // control characters, escapes and non-ASCII (negative bytes)
            }
        }
        return true;
    }

    private boolean isString(int i) {
        return valueStart[i] >= 0 && b[valueStart[i]] == '"';
    }

    private boolean isNull(int s, int e) {
        return e - s == 4 && b[s] == 'n';
    }

    private boolean blank(int s, int e) {
        for (int i = s + 1; i < e - 1; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private void lowerCase(int s, int e) {
        out.ensure(e - s);
        for (int i = s; i < e; i++) {
            byte c = b[i];
            out.bytes[out.length++] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
        }
    }
}
