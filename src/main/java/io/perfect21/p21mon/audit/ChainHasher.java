package io.perfect21.p21mon.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The chain's hash function, reused record after record: SHA-256, or HMAC-SHA256 with {@code audit.hmac_key_file}.
 * Not thread-safe; each thread has its own.
 */
final class ChainHasher {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final MessageDigest digest;
    private final Mac mac;
    private byte[] gather = new byte[1024];

    ChainHasher(byte[] hmacKey) {
        try {
            if (hmacKey == null) {
                digest = MessageDigest.getInstance("SHA-256");
                mac = null;
            } else {
                digest = null;
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    boolean keyed() {
        return mac != null;
    }

    void update(byte b) {
        if (mac != null) {
            mac.update(b);
        } else {
            digest.update(b);
        }
    }

    void update(byte[] b, int off, int len) {
        if (mac != null) {
            mac.update(b, off, len);
        } else {
            digest.update(b, off, len);
        }
    }

    byte[] finish() {
        return mac != null ? mac.doFinal() : digest.digest();
    }

    /**
     * Hashes the canonical form of a scanned compact line, leaving out the {@code hash} member: the members in key
     * order, as they stand.
     */
    byte[] hashCompact(byte[] line, LineScanner s, int excluded) {
        return hashGathered(line, s.keyStart, -1, s.valueEnd, s.order, excluded);
    }

    /**
     * Hashes {@code {m1,m2,...}} where member k (in the given order) is {@code b[starts[k], ends[k])}: the canonical
     * form of a record whose members are written out in another order.
     */
    byte[] hashMembers(byte[] b, int[] starts, int[] ends, int[] order) {
        return hashGathered(b, starts, 0, ends, order, -1);
    }

    /**
     * Hashes {@code {m1,m2,...}}, member k being {@code b[starts[k] + shift, ends[k])}, in the given order, without
     * member {@code excluded}. The members are gathered into one buffer first: one digest update per record costs far
     * less than one per member.
     */
    private byte[] hashGathered(byte[] b, int[] starts, int shift, int[] ends, int[] order, int excluded) {
        int need = 2;
        for (int m : order) {
            need += ends[m] - starts[m] - shift + 1;
        }
        if (gather.length < need) {
            gather = new byte[Math.max(need, 2 * gather.length)];
        }
        byte[] g = gather;
        int n = 0;
        g[n++] = '{';
        for (int m : order) {
            if (m == excluded) {
                continue;
            }
            if (n > 1) {
                g[n++] = ',';
            }
            int from = starts[m] + shift;
            int len = ends[m] - from;
            System.arraycopy(b, from, g, n, len);
            n += len;
        }
        g[n++] = '}';
        update(g, 0, n);
        return finish();
    }

    byte[] hash(byte[] canonical, int off, int len) {
        update(canonical, off, len);
        return finish();
    }

    static String hex(byte[] h) {
        byte[] out = new byte[h.length * 2];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = HEX[(h[i] >> 4) & 15];
            out[2 * i + 1] = HEX[h[i] & 15];
        }
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Whether the bytes at {@code line[off..off+64)} are the lower-case hex of h. */
    static boolean hexEquals(byte[] h, byte[] line, int off, int len) {
        if (len != h.length * 2) {
            return false;
        }
        for (int i = 0; i < h.length; i++) {
            if (line[off + 2 * i] != HEX[(h[i] >> 4) & 15] || line[off + 2 * i + 1] != HEX[h[i] & 15]) {
                return false;
            }
        }
        return true;
    }
}
