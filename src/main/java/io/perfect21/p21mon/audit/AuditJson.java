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
        AuditEvent e = r.event();
        b.put((byte) '{');
        if (chain) {
            b.ascii("\"seq\":").decimal(r.seq()).put((byte) ',');
        }
        b.ascii("\"event_id\":");
        str(b, e.eventId());
        b.ascii(",\"timestamp\":");
        str(b, e.timestamp() == null ? null : Timestamps.format(e.timestamp()));
        b.ascii(",\"host\":");
        str(b, e.host());
        b.ascii(",\"event_type\":");
        str(b, e.eventType());
        b.ascii(",\"level\":");
        str(b, e.level());
        b.ascii(",\"user_id\":");
        str(b, e.userId());
        b.ascii(",\"session_id\":");
        str(b, e.sessionId());
        b.ascii(",\"source_ip\":");
        str(b, e.sourceIp());
        b.ascii(",\"user_agent\":");
        str(b, e.userAgent());
        b.ascii(",\"resource\":");
        str(b, e.resource());
        b.ascii(",\"action\":");
        str(b, e.action());
        b.ascii(",\"result\":");
        str(b, e.result());
        b.ascii(",\"details\":");
        Jcs.object(b, e.details());
        b.ascii(",\"metadata\":");
        Jcs.object(b, e.metadata());
        if (chain) {
            b.ascii(",\"prev\":");
            str(b, r.prev());
            b.ascii(",\"hash\":");
            str(b, r.hash());
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

    private static void str(ByteBuf b, String s) {
        if (s == null) {
            b.ascii("null");
        } else {
            Jcs.string(b, s);
        }
    }
}
