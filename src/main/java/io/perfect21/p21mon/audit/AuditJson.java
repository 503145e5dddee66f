package io.perfect21.p21mon.audit;

/** A record as one JSON line in the stored field order (decrypted), for output and export. */
public final class AuditJson {
    private AuditJson() {
    }

    /** The record with its chain fields, without a newline. */
    public static String line(AuditRecord r) {
        return line(r, true);
    }

    /** The record, with or without {@code seq}, {@code prev} and {@code hash}. */
    public static String line(AuditRecord r, boolean chain) {
        ByteBuf b = new ByteBuf(512);
        b.put((byte) '{');
        for (AuditField f : AuditField.values()) {
            if (!chain && (f == AuditField.SEQ || f == AuditField.PREV || f == AuditField.HASH)) {
                continue;
            }
            if (b.length > 1) {
                b.put((byte) ',');
            }
            b.put((byte) '"').put(f.bytes).ascii("\":");
            AuditField.write(b, f.of(r));
        }
        b.put((byte) '}');
        return b.toString();
    }

    /** A JSON value (map, list, string, number) in canonical form. */
    public static String value(Object v) {
        ByteBuf b = new ByteBuf(128);
        Jcs.value(b, v);
        return b.toString();
    }
}
