package io.perfect21.p21mon.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785): object members sorted by the UTF-16 code units of their names, no
 * whitespace, strings with the minimal escaping of ECMAScript's {@code JSON.stringify}, numbers in ECMAScript's
 * {@code Number.prototype.toString} form (IEEE-754 doubles: integers beyond 2^53 lose precision, as in JavaScript).
 * The chain hashes these bytes, so any JCS implementation can check a record.
 */
final class Jcs {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final double TWO_53 = 9007199254740992.0;

    private Jcs() {
    }

    /** Writes any JSON value: null, Boolean, String, Number, Map (any key order), List. */
    static void value(ByteBuf out, Object v) {
        if (v == null) {
            out.ascii("null");
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Boolean b) {
            out.ascii(b ? "true" : "false");
        } else if (v instanceof Number n) {
            out.ascii(number(n));
        } else if (v instanceof Map<?, ?> m) {
            object(out, m);
        } else if (v instanceof List<?> l) {
            out.put((byte) '[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                value(out, l.get(i));
            }
            out.put((byte) ']');
        } else {
            string(out, String.valueOf(v));
        }
    }

    static void object(ByteBuf out, Map<?, ?> m) {
        out.put((byte) '{');
        if (!m.isEmpty()) {
            List<String> keys = new ArrayList<>(m.size());
            for (Object k : m.keySet()) {
                keys.add(String.valueOf(k));
            }
            keys.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 asks
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    out.put((byte) ',');
                }
                first = false;
                string(out, k);
                out.put((byte) ':');
                value(out, m.get(k));
            }
        }
        out.put((byte) '}');
    }

    /** A string with JSON.stringify's escaping; everything else is written as UTF-8. */
    static void string(ByteBuf out, String s) {
        int n = s.length();
        out.ensure(3 * n + 2);
        byte[] b = out.bytes;
        int len = out.length;
        b[len++] = '"';
        int i = 0;
        for (; i < n; i++) { // the common case: printable ASCII, written without further checks
            char c = s.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            b[len++] = (byte) c;
        }
        out.length = len;
        if (i == n) {
            b[out.length++] = '"';
            return;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out.ensure(1);
                    out.bytes[out.length++] = (byte) c;
                } else {
                    escape(out, c);
                }
            } else if (c < 0x800) {
                out.ensure(2);
                out.bytes[out.length++] = (byte) (0xc0 | (c >> 6));
                out.bytes[out.length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    out.ensure(4);
                    out.bytes[out.length++] = (byte) (0xf0 | (cp >> 18));
                    out.bytes[out.length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    out.bytes[out.length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    out.bytes[out.length++] = (byte) (0x80 | (cp & 0x3f));
                } else {
                    unicodeEscape(out, c); // a lone surrogate, as well-formed JSON.stringify writes it
                }
            } else {
                out.ensure(3);
                out.bytes[out.length++] = (byte) (0xe0 | (c >> 12));
                out.bytes[out.length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out.bytes[out.length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        out.put((byte) '"');
    }

    private static void escape(ByteBuf out, char c) {
        switch (c) {
            case '"' -> out.put((byte) '\\').put((byte) '"');
            case '\\' -> out.put((byte) '\\').put((byte) '\\');
            case '\b' -> out.put((byte) '\\').put((byte) 'b');
            case '\f' -> out.put((byte) '\\').put((byte) 'f');
            case '\n' -> out.put((byte) '\\').put((byte) 'n');
            case '\r' -> out.put((byte) '\\').put((byte) 'r');
            case '\t' -> out.put((byte) '\\').put((byte) 't');
            default -> unicodeEscape(out, c);
        }
    }

    private static void unicodeEscape(ByteBuf out, char c) {
        out.put((byte) '\\').put((byte) 'u');
        out.put(HEX[(c >> 12) & 15]).put(HEX[(c >> 8) & 15]).put(HEX[(c >> 4) & 15]).put(HEX[c & 15]);
    }

    /** ECMAScript's Number.prototype.toString of the value as a double. */
    static String number(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            long l = n.longValue();
            if (Math.abs(l) <= (long) TWO_53) {
                return Long.toString(l);
            }
            return number(l);
        }
        if (n instanceof BigInteger b && b.bitLength() < 53) {
            return b.toString();
        }
        return number(n.doubleValue());
    }

    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d + " (RFC 8785)");
        }
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < TWO_53) {
            return Long.toString((long) d);
        }
        BigDecimal shortest = shortest(d);
        String sign = shortest.signum() < 0 ? "-" : "";
        BigDecimal abs = shortest.abs();
        String digits = abs.unscaledValue().toString();
        // strip trailing zeros of the digit string, adjusting the exponent
        int k = digits.length();
        int trailing = 0;
        while (trailing < k - 1 && digits.charAt(k - 1 - trailing) == '0') {
            trailing++;
        }
        digits = digits.substring(0, k - trailing);
        k = digits.length();
        int exp = -abs.scale() + trailing; // value = digits * 10^exp
        int nPos = exp + k;                 // ECMAScript's n: value = 0.digits * 10^n
        StringBuilder sb = new StringBuilder(sign);
        if (k <= nPos && nPos <= 21) {
            sb.append(digits).append("0".repeat(nPos - k));
        } else if (0 < nPos && nPos <= 21) {
            sb.append(digits, 0, nPos).append('.').append(digits, nPos, k);
        } else if (-6 < nPos && nPos <= 0) {
            sb.append("0.").append("0".repeat(-nPos)).append(digits);
        } else {
            int e = nPos - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return sb.toString();
    }

    /** The shortest decimal that reads back as the same double, nearest to it (Java 17's toString is not always shortest). */
    static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
