package io.perfect21.p21mon.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.UUID;

/**
 * Import's fast path: reads the common shape of an event line straight into the encoded body of a prepared plain record,
 * with no map per line. It takes only lines whose canonical form is plain to see: the known fields once each, strings of
 * printable ASCII without escapes (their bytes are their RFC 8785 form), and {@code details}/{@code metadata} as flat
 * objects of such strings, small integers, booleans and nulls. Any other line (a reference {@code checksum}, an unknown
 * or repeated field, escapes, non-ASCII text, nested values, fractions, bad JSON) gets null back and takes the general
 * path, which also words every error, so both paths store the same bytes for the same line. Not thread-safe.
 */
final class FlatEventReader {
    private static final byte[][] FIELDS = keys("event_id", "timestamp", "host", "event_type", "level", "user_id",
            "session_id", "source_ip", "user_agent", "resource", "action", "result", "details", "metadata");
    private static final int EVENT_ID = 0;
    private static final int TIMESTAMP = 1;
    private static final int HOST = 2;
    private static final int EVENT_TYPE = 3;
    private static final int LEVEL = 4;
    private static final int DETAILS = 12;
    private static final int METADATA = 13;
    private static final int MAX_MEMBERS = 32;
    private static final int MAX_KEYS = 64;
    private static final byte[] MASKED = "\"***\"".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final Masker masker;
    private final ZoneId naiveZone;
    // value of each known field: [start, end) in the line, start -1 when absent
    private final int[] valueStart = new int[FIELDS.length];
    private final int[] valueEnd = new int[FIELDS.length];
    // members of the nested object being read
    private final int[] memberKey = new int[MAX_MEMBERS];
    private final int[] memberKeyEnd = new int[MAX_MEMBERS];
    private final int[] memberValue = new int[MAX_MEMBERS];
    private final int[] memberValueEnd = new int[MAX_MEMBERS];
    private final int[] memberOrder = new int[MAX_MEMBERS];
    // whether a nested key is one audit.mask_fields masks, remembered per key (lines of one file share few keys)
    private final byte[][] seenKeys = new byte[MAX_KEYS][];
    private final boolean[] seenSecret = new boolean[MAX_KEYS];
    private int seen;
    private final ByteBuf out = new ByteBuf(1024);
    private final int[] starts = new int[FIELDS.length];
    private final int[] ends = new int[FIELDS.length];
    private byte[] b;
    private int end;

    FlatEventReader(String host, Masker masker, ZoneId naiveZone) {
        this.host = host;
        this.masker = masker;
        this.naiveZone = naiveZone;
    }

    private static byte[][] keys(String... names) {
        byte[][] k = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            k[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return k;
    }

    /** The prepared (slim) record of the line {@code line[from, to)}, or null when the line needs the general path. */
    AuditStore.Prepared read(byte[] line, int from, int to) {
        b = line;
        end = to;
        Arrays.fill(valueStart, -1);
        int p = ws(from);
        if (p >= end || b[p] != '{') {
            return null;
        }
        p = ws(p + 1);
        if (p < end && b[p] == '}') {
            return null; // no event_type
        }
        while (true) {
            if (p >= end || b[p] != '"') {
                return null;
            }
            int ks = p + 1;
            int ke = plainString(p);
            if (ke < 0) {
                return null;
            }
            int f = field(ks, ke - 1);
            if (f < 0 || valueStart[f] >= 0) {
                return null; // unknown or repeated: the general path decides
            }
            p = ws(ke);
            if (p >= end || b[p] != ':') {
                return null;
            }
            p = ws(p + 1);
            int ve = f == DETAILS || f == METADATA ? flatObject(p) : scalar(p);
            if (ve < 0) {
                return null;
            }
            valueStart[f] = p;
            valueEnd[f] = ve;
            p = ws(ve);
            if (p < end && b[p] == ',') {
                p = ws(p + 1);
                continue;
            }
            if (p < end && b[p] == '}' && ws(p + 1) == end) {
                break;
            }
            return null;
        }
        return encode();
    }

    private AuditStore.Prepared encode() {
        for (int f = 0; f < DETAILS; f++) {
            int s = valueStart[f];
            if (s >= 0 && b[s] != '"' && !isNull(s, valueEnd[f])) {
                return null; // a number or boolean where text belongs: the general path converts it
            }
        }
        if (!isString(EVENT_TYPE) || !isString(TIMESTAMP) || blank(valueStart[EVENT_TYPE], valueEnd[EVENT_TYPE])) {
            return null;
        }
        Instant when;
        try {
            when = Timestamps.parse(new String(b, valueStart[TIMESTAMP] + 1, valueEnd[TIMESTAMP] - valueStart[TIMESTAMP] - 2,
                    StandardCharsets.US_ASCII), naiveZone);
        } catch (RuntimeException bad) {
            return null;
        }
        out.clear();
        for (int f = 0; f < FIELDS.length; f++) {
            out.put((byte) ',');
            starts[f] = out.length;
            out.put((byte) '"').put(FIELDS[f]).put((byte) '"').put((byte) ':');
            int s = valueStart[f];
            int e = valueEnd[f];
            boolean absent = s < 0 || isNull(s, e);
            switch (f) {
                case EVENT_ID -> {
                    if (absent) {
                        Jcs.string(out, UUID.randomUUID().toString());
                    } else {
                        out.put(b, s, e - s);
                    }
                }
                case TIMESTAMP -> Jcs.string(out, Timestamps.format(when));
                case HOST -> {
                    if (absent) {
                        Jcs.string(out, host);
                    } else {
                        out.put(b, s, e - s);
                    }
                }
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
                    } else if (!canonicalObject(s, e)) {
                        return null;
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
            ends[f] = out.length;
        }
        AuditEvent slim = new AuditEvent(null, when, null, null, null, null, null, null, null, null, null, null, null,
                null);
        return new AuditStore.Prepared(slim, out.toArray(), starts.clone(), ends.clone());
    }

    /** Writes a flat object's members sorted by key, masking secrets; false when a key repeats. */
    private boolean canonicalObject(int s, int e) {
        int n = 0;
        int p = s + 1;
        p = ws(p);
        if (b[p] != '}') {
            while (true) {
                int ke = plainString(p);
                memberKey[n] = p + 1;
                memberKeyEnd[n] = ke - 1;
                p = ws(ws(ke) + 1);
                memberValue[n] = p;
                p = scalar(p);
                memberValueEnd[n] = p;
                n++;
                p = ws(p);
                if (b[p] == '}') {
                    break;
                }
                p = ws(p + 1);
            }
        }
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && compareKeys(memberOrder[j - 1], i) > 0) {
                memberOrder[j] = memberOrder[j - 1];
                j--;
            }
            if (j > 0 && compareKeys(memberOrder[j - 1], i) == 0) {
                return false; // a repeated key: the general path keeps the last value
            }
            memberOrder[j] = i;
        }
        out.put((byte) '{');
        for (int i = 0; i < n; i++) {
            int m = memberOrder[i];
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(b, memberKey[m] - 1, memberKeyEnd[m] - memberKey[m] + 2).put((byte) ':');
            int vs = memberValue[m];
            int ve = memberValueEnd[m];
            if (!isNull(vs, ve) && secret(memberKey[m], memberKeyEnd[m])) {
                out.put(MASKED);
            } else {
                out.put(b, vs, ve - vs);
            }
        }
        out.put((byte) '}');
        return true;
    }

    private int compareKeys(int i, int j) {
        return Arrays.compare(b, memberKey[i], memberKeyEnd[i], b, memberKey[j], memberKeyEnd[j]);
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

    /** A flat object of plain members; the end of it, or -1. */
    private int flatObject(int p) {
        if (p < end && b[p] == 'n') {
            return literal(p, "null");
        }
        if (p >= end || b[p] != '{') {
            return -1;
        }
        p = ws(p + 1);
        if (p < end && b[p] == '}') {
            return p + 1;
        }
        for (int n = 0; n < MAX_MEMBERS; n++) {
            if (p >= end || b[p] != '"') {
                return -1;
            }
            p = plainString(p);
            if (p < 0) {
                return -1;
            }
            p = ws(p);
            if (p >= end || b[p] != ':') {
                return -1;
            }
            p = scalar(ws(p + 1));
            if (p < 0) {
                return -1;
            }
            p = ws(p);
            if (p < end && b[p] == '}') {
                return p + 1;
            }
            if (p >= end || b[p] != ',') {
                return -1;
            }
            p = ws(p + 1);
        }
        return -1;
    }

    /** A plain string, a small integer in canonical form, true, false or null; the end of it, or -1. */
    private int scalar(int p) {
        if (p >= end) {
            return -1;
        }
        return switch (b[p]) {
            case '"' -> plainString(p);
            case 't' -> literal(p, "true");
            case 'f' -> literal(p, "false");
            case 'n' -> literal(p, "null");
            default -> integer(p);
        };
    }

    /** An integer whose text is its canonical form: no leading zero, no {@code -0}, below 2^53; the end, or -1. */
    private int integer(int p) {
        int s = p;
        if (b[p] == '-') {
            p++;
        }
        int d = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        int digits = p - d;
        if (digits == 0 || digits > 15 || (b[d] == '0' && (digits > 1 || d > s))) {
            return -1;
        }
        if (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
            return -1;
        }
        return p;
    }

    private int literal(int p, String word) {
        if (p + word.length() > end) {
            return -1;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[p + i] != word.charAt(i)) {
                return -1;
            }
        }
        return p + word.length();
    }

    /** From an opening quote to just after the closing one, if every byte between is printable ASCII but a backslash. */
    private int plainString(int p) {
        for (int i = p + 1; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                return -1; // control characters, escapes and non-ASCII (negative bytes)
            }
        }
        return -1;
    }

    private int field(int ks, int ke) {
        for (int f = 0; f < FIELDS.length; f++) {
            if (Arrays.equals(FIELDS[f], 0, FIELDS[f].length, b, ks, ke)) {
                return f;
            }
        }
        return -1;
    }

    private boolean isString(int f) {
        return valueStart[f] >= 0 && b[valueStart[f]] == '"';
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

    private int ws(int p) {
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return p;
    }
}
