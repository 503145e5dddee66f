package io.perfect21.p21mon.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference module's per-record {@code checksum}: the first 16 hex digits of SHA-256 over Python's
 * {@code json.dumps(data, sort_keys=True, default=str)} of its thirteen event fields (those of {@link AuditField#EVENT} but {@code host}), i.e. keys sorted by code point,
 * {@code ", "} and {@code ": "} separators, non-ASCII escaped as {@code \\uXXXX}, floats in Python's {@code repr}.
 */
final class ReferenceChecksum {
    private ReferenceChecksum() {
    }

    /** The checksum of a parsed reference record (its values as they are in the file). */
    static String of(Map<String, Object> record) {
        Map<String, Object> data = new java.util.HashMap<>();
        for (AuditField f : AuditField.EVENT) {
            if (f == AuditField.HOST) {
                continue; // the reference module has no host
            }
            Object v = record.get(f.key);
            data.put(f.key, v == null && f.object() ? Map.of() : v);
        }
        StringBuilder sb = new StringBuilder(512);
        dump(sb, data);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return ChainHasher.hex(h).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void dump(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double d) {
            sb.append(pyFloat(d));
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            List<String> keys = new ArrayList<>();
            m.keySet().forEach(k -> keys.add(String.valueOf(k)));
            keys.sort(ReferenceChecksum::byCodePoint);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                string(sb, keys.get(i));
                sb.append(": ");
                dump(sb, m.get(keys.get(i)));
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                dump(sb, l.get(i));
            }
            sb.append(']');
        } else {
            string(sb, String.valueOf(v));
        }
    }

    private static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Python's json string with ensure_ascii: everything outside printable ASCII as \\uXXXX. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal s = Jcs.shortest(d).stripTrailingZeros();
        String sign = s.signum() < 0 ? "-" : "";
        s = s.abs();
        String digits = s.unscaledValue().toString();
        int exp10 = digits.length() - 1 - s.scale(); // d.ddd x 10^exp10
        if (exp10 >= -5 + 1 && exp10 < 16) {
            String plain = s.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mant + "e" + (exp10 < 0 ? "-" : "+") + (Math.abs(exp10) < 10 ? "0" : "") + Math.abs(exp10);
    }
}
