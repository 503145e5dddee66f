package io.perfect21.p21mon.audit;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;

import java.util.Base64;

import java.util.Map;

/**
 * Turns records into stored lines and back. A plain line has the fields of {@link AuditField} in their order, every value in
 * RFC 8785 form, so its canonical JSON is its members reordered. An encrypted line keeps {@code seq} and
 * {@code timestamp} in clear and holds the rest in {@code enc} (base64 of a 12-byte nonce and the AES-GCM ciphertext of
 * the plain line's fields, authenticated with the seq); its chain hash covers the stored form, so integrity can be
 * checked without the key. Not thread-safe.
 */
final class RecordCodec {
    static final byte[] K_ENC = "enc".getBytes(StandardCharsets.US_ASCII);

    private final byte[] hmacKey;
    private ChainHasher hasher; // made when first needed: a query that only reads never hashes
    private final byte[] aesKey;
    private final SecureRandom random;
    private final ByteBuf inner = new ByteBuf(1024);
    private Cipher cipher;

    RecordCodec(byte[] hmacKey, byte[] aesKey) {
        this.hmacKey = hmacKey;
        this.aesKey = aesKey;
        this.random = aesKey == null ? null : new SecureRandom();
    }

    boolean encrypting() {
        return aesKey != null;
    }

    /** The members of a plain line but its hash, in key order (what the hash covers). */
    private static final int[] PLAIN_ORDER = java.util.Arrays.stream(AuditField.KEY_ORDER)
            .filter(i -> i != AuditField.HASH.ordinal()).toArray();
    /** The members of an encrypted line ({@code seq, timestamp, enc, prev}) in key order: enc, prev, seq, timestamp. */
    private static final int[] ENC_ORDER = {2, 3, 0, 1};

    private final int[] memberStart = new int[PLAIN_ORDER.length];
    private final int[] memberEnd = new int[PLAIN_ORDER.length];
    private int members;

    /**
     * Appends the stored line of an encrypted store's record (with its final newline) to out; returns the record's
     * hash. (A plain store's records are prepared, {@link #prepareBody}, and encoded by {@link #encodePrepared}.)
     */
    String encode(long seq, AuditEvent e, String prev, ByteBuf out) {
        inner.clear();
        body(seq, e, inner);
        inner.put((byte) '}');
        byte[] enc = encrypt(seq, inner.bytes, inner.length);
        members = 0;
        out.ascii("{");
        int s0 = out.length;
        out.ascii("\"seq\":").decimal(seq);
        member(s0, out.length);
        out.put((byte) ',');
        s0 = out.length;
        out.ascii("\"timestamp\":");
        Timestamps.json(out, e.timestamp());
        member(s0, out.length);
        out.put((byte) ',');
        s0 = out.length;
        out.ascii("\"enc\":\"").ascii(Base64.getEncoder().encodeToString(enc)).put((byte) '"');
        member(s0, out.length);
        return chain(prev, out, ENC_ORDER);
    }

    /** Ends a line with prev and the hash over its members (in key order {@code order}); returns the hash. */
    private String chain(String prev, ByteBuf out, int[] order) {
        out.put((byte) ',');
        int s0 = out.length;
        out.ascii("\"prev\":\"").ascii(prev).ascii("\"");
        member(s0, out.length);
        String hash = ChainHasher.hex(hasher().hashMembers(out.bytes, memberStart, memberEnd, order));
        out.ascii(",\"hash\":\"").ascii(hash).ascii("\"}\n");
        return hash;
    }

    /** Encodes the fields after seq (event_id .. metadata) of a plain record, noting where each member lies. */
    AuditStore.Prepared prepareBody(AuditEvent e) {
        ByteBuf b = inner;
        b.clear();
        body(0, e, b);
        // members 1..14 of the plain layout, relative to the body (which starts after "{\"seq\":0")
        int from = memberEnd[0];
        byte[] bytes = java.util.Arrays.copyOfRange(b.bytes, from, b.length);
        int[] starts = new int[members - 1];
        int[] ends = new int[members - 1];
        for (int i = 1; i < members; i++) {
            starts[i - 1] = memberStart[i] - from;
            ends[i - 1] = memberEnd[i] - from;
        }
        return new AuditStore.Prepared(e, bytes, starts, ends);
    }

    /** {@link #encode} for a prepared plain record: only seq, prev and the hash are written here. */
    String encodePrepared(long seq, AuditStore.Prepared p, String prev, ByteBuf out) {
        members = 0;
        out.put((byte) '{');
        int s0 = out.length;
        out.ascii("\"seq\":").decimal(seq);
        member(s0, out.length);
        int base = out.length;
        out.put(p.body());
        for (int i = 0; i < p.starts().length; i++) {
            member(base + p.starts()[i], base + p.ends()[i]);
        }
        return chain(prev, out, PLAIN_ORDER);
    }

    private void member(int start, int end) {
        memberStart[members] = start;
        memberEnd[members] = end;
        members++;
    }

    private void body(long seq, AuditEvent e, ByteBuf out) {
        members = 0;
        out.put((byte) '{');
        int s0 = out.length;
        out.ascii("\"seq\":").decimal(seq);
        member(s0, out.length);
        for (AuditField f : AuditField.EVENT) {
            out.put((byte) ',');
            s0 = out.length;
            out.put((byte) '"').put(f.bytes).ascii("\":");
            AuditField.write(out, f.of(e));
            member(s0, out.length);
        }
    }

    private byte[] encrypt(long seq, byte[] plain, int len) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher c = cipher();
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(seq));
            byte[] out = new byte[12 + c.getOutputSize(len)];
            System.arraycopy(nonce, 0, out, 0, 12);
            c.doFinal(plain, 0, len, out, 12);
            return out;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM failed: " + ex.getMessage(), ex);
        }
    }

    private byte[] decrypt(long seq, byte[] enc) throws AEADBadTagException {
        try {
            Cipher c = cipher();
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, enc, 0, 12));
            c.updateAAD(aad(seq));
            return c.doFinal(enc, 12, enc.length - 12);
        } catch (AEADBadTagException ex) {
            throw ex;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM failed: " + ex.getMessage(), ex);
        }
    }

    private Cipher cipher() throws GeneralSecurityException {
        if (cipher == null) {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }
        return cipher;
    }

    private static byte[] aad(long seq) {
        return ("p21mon-audit:" + seq).getBytes(StandardCharsets.US_ASCII);
    }

    /** Why a line could not be read as a record. */
    static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean decryption;

        BadRecord(String message, boolean decryption) {
            super(message);
            this.decryption = decryption;
        }
    }

    /** Parses a stored line (without its newline), decrypting it when it is encrypted. */
    AuditRecord decode(byte[] b, int off, int end) throws BadRecord {
        Map<String, Object> m = parseObject(b, off, end - off);
        Object enc = m.get("enc");
        if (enc instanceof String s) {
            if (aesKey == null) {
                throw new BadRecord("the record is encrypted; set audit.encryption_key_file", true);
            }
            long seq = asLong(m.get("seq"));
            byte[] plain;
            try {
                plain = decrypt(seq, Base64.getDecoder().decode(s));
            } catch (AEADBadTagException | IllegalArgumentException ex) {
                throw new BadRecord("cannot decrypt the record: wrong audit.encryption_key_file?", true);
            }
            Map<String, Object> inner = parseObject(plain, 0, plain.length);
            if (asLong(inner.get("seq")) != seq) {
                throw new BadRecord("the encrypted record says seq " + inner.get("seq") + ", its line says " + seq, false);
            }
            inner.put("prev", m.get("prev"));
            inner.put("hash", m.get("hash"));
            m = inner;
        }
        return toRecord(m);
    }

    static Map<String, Object> parseObject(byte[] b, int off, int len) throws BadRecord {
        LineScanner scanner = new LineScanner();
        Map<String, Object> m = scanner.readObject(b, off, off + len);
        if (m == null) {
            boolean shape = "not a JSON object".equals(scanner.error) || "text after the JSON object".equals(scanner.error);
            throw new BadRecord(shape ? scanner.error : "not valid JSON: " + scanner.error, false);
        }
        return m;
    }

    private static long asLong(Object o) throws BadRecord {
        if (o instanceof Long l) {
            return l;
        }
        throw new BadRecord("seq is missing or not an integer", false);
    }

    private static String str(Map<String, Object> m, String k) throws BadRecord {
        Object o = m.get(k);
        if (o == null || o instanceof String) {
            return (String) o;
        }
        throw new BadRecord(k + " is not a string", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String k) throws BadRecord {
        Object o = m.get(k);
        if (o == null || o instanceof Map) {
            return (Map<String, Object>) o;
        }
        throw new BadRecord(k + " is not an object", false);
    }

    static AuditRecord toRecord(Map<String, Object> m) throws BadRecord {
        long seq = asLong(m.get("seq"));
        String ts = str(m, "timestamp");
        Instant when;
        try {
            when = ts == null ? null : Timestamps.parse(ts, ZoneOffset.UTC);
        } catch (RuntimeException ex) {
            throw new BadRecord("timestamp '" + ts + "' is not ISO-8601", false);
        }
        Object[] v = new Object[AuditField.values().length];
        for (AuditField f : AuditField.EVENT) {
            v[f.ordinal()] = f == AuditField.TIMESTAMP ? when : f.object() ? map(m, f.key) : str(m, f.key);
        }
        AuditEvent e = AuditField.event(f -> v[f.ordinal()]);
        String prev = str(m, "prev");
        String hash = str(m, "hash");
        if (prev == null || hash == null) {
            throw new BadRecord("prev or hash is missing", false);
        }
        return new AuditRecord(seq, e, prev, hash);
    }

    /** The canonical (RFC 8785) bytes of any stored line without its hash: the slow path for lines not in compact form. */
    static byte[] canonicalWithoutHash(byte[] b, int off, int end) throws BadRecord {
        Map<String, Object> m = parseObject(b, off, end - off);
        m.remove("hash");
        ByteBuf out = new ByteBuf(512);
        try {
            Jcs.object(out, m);
        } catch (IllegalArgumentException ex) {
            throw new BadRecord(ex.getMessage(), false);
        }
        return out.toArray();
    }

    ChainHasher hasher() {
        if (hasher == null) {
            hasher = new ChainHasher(hmacKey);
        }
        return hasher;
    }
}
