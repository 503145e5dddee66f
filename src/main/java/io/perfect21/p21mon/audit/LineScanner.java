package io.perfect21.p21mon.audit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit package's one JSON tokenizer: splits one JSON-object line into its top-level members (byte offsets),
 * validating the JSON on the way, without building strings; {@link #readObject} reads a line into maps and values
 * where a record is decoded (query, import's general path, anchors, checkpoints). Verify and the chain hash work on these offsets, import's
 * fast reader on them and on those of nested objects, the index and the chain head find their fields with them.
 * {@link #compact} tells whether the line is in the form p21mon writes (no whitespace, plain ASCII keys), in which
 * case the canonical form is the members reordered.
 */
final class LineScanner {
    static final int MAX = 64;
    int count;
    final int[] keyStart = new int[MAX];   // first byte of the key name (after the quote)
    final int[] keyEnd = new int[MAX];     // the closing quote of the key
    final int[] valueStart = new int[MAX];
    final int[] valueEnd = new int[MAX];
    boolean compact;
    String error;
    private byte[] b;
    private int end;

    /** Scans {@code b[off, end)}; false (with {@link #error}) unless it is one JSON object with unique keys. */
    boolean scan(byte[] bytes, int off, int endExclusive) {
        this.b = bytes;
        this.end = endExclusive;
        count = 0;
        compact = true;
        error = null;
        if (off >= end || b[off] != '{') {
            return fail("not a JSON object");
        }
        int p = object(off, -1);
        return p >= 0 && rest(p);
    }

    /**
     * The object whose '{' is at p, its members' values at {@code depth + 1}; the members of the line's own object
     * (depth -1) are noted. Returns the index just after it, or -1.
     */
    private int object(int p, int depth) {
        boolean top = depth < 0;
        p = ws(p + 1);
        if (p < end && b[p] == '}') {
            return p + 1;
        }
        while (true) {
            p = ws(p);
            if (p >= end || b[p] != '"') {
                return err("expected a field name");
            }
            if (top && count == MAX) {
                return err("too many fields");
            }
            int ks = p + 1;
            p = string(p);
            if (p < 0) {
                return -1;
            }
            if (top) {
                keyStart[count] = ks;
                keyEnd[count] = p - 1;
                for (int i = ks; i < p - 1; i++) {
                    if (b[i] == '\\' || b[i] < 0) {
                        compact = false;
                    }
                }
            }
            p = ws(p);
            if (p >= end || b[p] != ':') {
                return err("expected ':'");
            }
            int vs = ws(p + 1);
            p = value(vs, depth + 1);
            if (p < 0) {
                return -1;
            }
            if (top) {
                valueStart[count] = vs;
                valueEnd[count++] = p;
            }
            p = ws(p);
            if (p < end && b[p] == ',') {
                p++;
            } else if (p < end && b[p] == '}') {
                return p + 1;
            } else {
                return err("expected ',' or '}'");
            }
        }
    }

    /**
     * Scans the object that starts at {@code off} in one given layout (the keys in this order, no whitespace between
     * members: the form p21mon writes), checked for its keys at their places instead of sorting them, wherever it ends
     * before {@code limit}; {@link #order} is then the given sorted order. Returns the
     * index just after its closing brace (what follows is not looked at), or -1. With {@link #compact} set, the object
     * holds no whitespace outside its strings, which hold no control characters: no newline at all.
     */
    int scanLayoutAt(byte[] bytes, int off, int limit, byte[][] keys, int[] sorted) {
        this.b = bytes;
        this.end = limit;
        count = 0;
        compact = true;
        error = null;
        int p = off;
        if (p >= end || b[p] != '{') {
            return -1;
        }
        p++;
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                if (p >= end || b[p] != ',') {
                    return -1;
                }
                p++;
            }
            byte[] k = keys[i];
            int ks = p + 1;
            int ke = ks + k.length;
            if (ke + 2 > end || b[p] != '"' || !java.util.Arrays.equals(b, ks, ke, k, 0, k.length) || b[ke] != '"'
                    || b[ke + 1] != ':') {
                return -1;
            }
            keyStart[i] = ks;
            keyEnd[i] = ke;
            valueStart[i] = ke + 2;
            p = value(ke + 2, 0);
            if (p < 0) {
                return -1;
            }
            valueEnd[i] = p;
            count++;
        }
        if (p >= end || b[p] != '}') {
            return -1;
        }
        order = sorted;
        return p + 1;
    }

    private boolean rest(int p) {
        if (ws(p) != end) {
            return fail("text after the JSON object");
        }
        if (!sorting) {
            return true;
        }
        int[] prev = order;
        order = sortedOrder();
        if (order != prev) { // a reused order was checked strictly increasing: no duplicates
            for (int i = 1; i < count; i++) {
                if (compareKeys(order[i - 1], order[i]) == 0) {
                    return fail("duplicate field " + key(order[i]));
                }
            }
        }
        return true;
    }

    int[] order = new int[0];
    /** Whether {@link #scan} orders the members by key and fails on a repeated one (off: the caller sees to both). */
    boolean sorting = true;

    /** Index of the member with this ASCII key, or -1. */
    int find(byte[] asciiKey) {
        outer:
        for (int i = 0; i < count; i++) {
            if (keyEnd[i] - keyStart[i] != asciiKey.length) {
                continue;
            }
            for (int k = 0; k < asciiKey.length; k++) {
                if (b[keyStart[i] + k] != asciiKey[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    String key(int i) {
        return new String(b, keyStart[i], keyEnd[i] - keyStart[i], StandardCharsets.UTF_8);
    }

    /** Compares two keys by their bytes (code point order for the ASCII keys of the compact form). */
    int compareKeys(int i, int j) {
        int li = keyEnd[i] - keyStart[i];
        int lj = keyEnd[j] - keyStart[j];
        int n = Math.min(li, lj);
        for (int k = 0; k < n; k++) {
            int c = (b[keyStart[i] + k] & 0xff) - (b[keyStart[j] + k] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return li - lj;
    }

    /**
     * Member indices ordered by key. Lines of one log share their layout, so the previous line's order is tried
     * first (a linear check) before sorting.
     */
    int[] sortedOrder() {
        if (order.length == count) {
            boolean sorted = true;
            for (int i = 1; i < count && sorted; i++) {
                sorted = compareKeys(order[i - 1], order[i]) < 0;
            }
            if (sorted) {
                return order;
            }
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            int j = i;
            while (j > 0 && compareKeys(order[j - 1], i) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }

    /** The value of member i as a long, if it is a plain integer. */
    long longValue(int i) {
        long v = 0;
        int p = valueStart[i];
        boolean neg = p < valueEnd[i] && b[p] == '-';
        if (neg) {
            p++;
        }
        if (p >= valueEnd[i] || valueEnd[i] - p > 18) {
            return Long.MIN_VALUE;
        }
        for (; p < valueEnd[i]; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /** The value of member i if it is a string without escapes, else null. */
    String plainString(int i) {
        int s = valueStart[i];
        int e = valueEnd[i];
        if (e - s < 2 || b[s] != '"') {
            return null;
        }
        for (int k = s + 1; k < e - 1; k++) {
            if (b[k] == '\\') {
                return null;
            }
        }
        return new String(b, s + 1, e - s - 2, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code b[off, end)}, one JSON object, into maps (in member order; a repeated key keeps its last value),
     * lists, strings, numbers (Long, BigInteger beyond a long, Double with a fraction or exponent), Booleans and nulls;
     * null, with {@link #error}, when it is not valid JSON.
     */
    Map<String, Object> readObject(byte[] bytes, int off, int endExclusive) {
        this.b = bytes;
        this.end = endExclusive;
        error = null;
        int p = ws(off);
        int q = value(p, 0);
        if (q < 0) {
            return null;
        }
        if (b[p] != '{') {
            fail("not a JSON object");
            return null;
        }
        if (ws(q) != end) {
            fail("text after the JSON object");
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) tree(p, q);
            return m;
        } catch (NumberFormatException e) {
            fail("bad number");
            return null;
        }
    }

    /** The value {@code b[p, e)}, already validated by {@link #value}. */
    private Object tree(int p, int e) {
        switch (b[p]) {
            case '"':
                return text(p, e);
            case '{': {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int q = ws(p + 1); b[q] != '}'; q = ws(q + 1)) {
                    int ke = string(q);
                    int vs = ws(ws(ke) + 1);
                    int ve = value(vs, 0);
                    m.put(text(q, ke), tree(vs, ve));
                    q = ws(ve);
                    if (b[q] == '}') {
                        break;
                    }
                }
                return m;
            }
            case '[': {
                List<Object> l = new ArrayList<>();
                for (int q = ws(p + 1); b[q] != ']'; q = ws(q + 1)) {
                    int ve = value(q, 0);
                    l.add(tree(q, ve));
                    q = ws(ve);
                    if (b[q] == ']') {
                        break;
                    }
                }
                return l;
            }
            case 't':
                return Boolean.TRUE;
            case 'f':
                return Boolean.FALSE;
            case 'n':
                return null;
            default:
                return numberValue(p, e);
        }
    }

    private Object numberValue(int p, int e) {
        String n = new String(b, p, e - p, StandardCharsets.US_ASCII);
        int digits = b[p] == '-' ? p + 1 : p;
        if (b[digits] == '0' && digits + 1 < e && b[digits + 1] >= '0' && b[digits + 1] <= '9') {
            throw new NumberFormatException("leading zero");
        }
        for (int i = p; i < e; i++) {
            if (b[i] == '.' || b[i] == 'e' || b[i] == 'E') {
                return Double.parseDouble(n);
            }
        }
        return e - digits <= 18 ? (Object) Long.parseLong(n) : integer(n);
    }

    private static Object integer(String n) {
        BigInteger v = new BigInteger(n);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** The string whose quotes are at {@code p} and {@code e - 1}, its escapes undone. */
    private String text(int p, int e) {
        int s = p + 1;
        int to = e - 1;
        StringBuilder sb = null;
        int from = s;
        for (int i = s; i < to; i++) {
            if (b[i] != '\\') {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(to - s);
            }
            sb.append(new String(b, from, i - from, StandardCharsets.UTF_8));
            byte c = b[i + 1];
            switch (c) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> sb.append((char) c); // " \ /
            }
            i++;
            from = i + 1;
        }
        if (sb == null) {
            return new String(b, s, to - s, StandardCharsets.UTF_8);
        }
        return sb.append(new String(b, from, to - from, StandardCharsets.UTF_8)).toString();
    }

    private boolean fail(String why) {
        error = why;
        return false;
    }

    private int err(String why) {
        error = why;
        return -1;
    }

    private int ws(int p) {
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            compact = false;
            p++;
        }
        return p;
    }

    private int value(int p, int depth) {
        if (depth > 200) {
            return err("nested too deeply");
        }
        if (p >= end) {
            return err("value missing");
        }
        byte c = b[p];
        switch (c) {
            case '"':
                return string(p);
            case '{':
                return object(p, depth);
            case '[': {
                p = ws(p + 1);
                if (p < end && b[p] == ']') {
                    return p + 1;
                }
                while (true) {
                    p = value(ws(p), depth + 1);
                    if (p < 0) {
                        return -1;
                    }
                    p = ws(p);
                    if (p < end && b[p] == ',') {
                        p++;
                    } else if (p < end && b[p] == ']') {
                        return p + 1;
                    } else {
                        return err("expected ',' or ']'");
                    }
                }
            }
            case 't':
                return literal(p, "true");
            case 'f':
                return literal(p, "false");
            case 'n':
                return literal(p, "null");
            default:
                return number(p);
        }
    }

    private int literal(int p, String word) {
        if (p + word.length() > end) {
            return err("bad literal");
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[p + i] != word.charAt(i)) {
                return err("bad literal");
            }
        }
        return p + word.length();
    }

    private int number(int p) {
        int s = p;
        if (p < end && b[p] == '-') {
            p++;
        }
        int digits = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p == digits) {
            return err("bad value");
        }
        if (b[digits] == '0' && p - digits > 1) {
            compact = false;
        }
        if (p < end && b[p] == '.') {
            p++;
            int f = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == f) {
                return err("bad number");
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int f = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == f) {
                return err("bad number");
            }
        }
        return p > s ? p : -1;
    }

    /** From an opening quote to just after the closing one, validating escapes. */
    private int string(int p) {
        p++;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    break;
                }
                byte e = b[p + 1];
                if (e == 'u') {
                    if (p + 5 >= end) {
                        break;
                    }
                    for (int i = 2; i <= 5; i++) {
                        if (Character.digit(b[p + i], 16) < 0) {
                            return err("bad \\u escape");
                        }
                    }
                    p += 6;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return err("bad escape");
                }
                p += 2;
                continue;
            }
            if (c >= 0 && c < 0x20) {
                return err("control character in a string");
            }
            p++;
        }
        return err("unterminated string");
    }
}
