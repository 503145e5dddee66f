package io.perfect21.p21mon.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The members of a stored line in their order (SPEC §4.4): the one field list of the audit log. The encoder, the
 * readers, the index, import, the reference checksum and the renderers all walk this list; {@link #EVENT} is the
 * event's part ({@code event_id} .. {@code metadata}), between the chain's {@code seq} and {@code prev}/{@code hash}.
 */
public enum AuditField {
    SEQ, EVENT_ID, TIMESTAMP, HOST, EVENT_TYPE, LEVEL, USER_ID, SESSION_ID, SOURCE_IP, USER_AGENT, RESOURCE, ACTION,
    RESULT, DETAILS, METADATA, PREV, HASH;

    /** The event's fields in stored order. */
    public static final List<AuditField> EVENT = List.of(values()).subList(EVENT_ID.ordinal(), METADATA.ordinal() + 1);
    /** Every member's key, in stored order. */
    static final byte[][] KEYS = Arrays.stream(values()).map(f -> f.bytes).toArray(byte[][]::new);
    /** The member indices of a stored line in key order (RFC 8785 sorts members by key). */
    static final int[] KEY_ORDER = Arrays.stream(values()).sorted((a, b) -> a.key.compareTo(b.key))
            .mapToInt(Enum::ordinal).toArray();

    /** The key as stored ({@code user_id}). */
    public final String key = name().toLowerCase(java.util.Locale.ROOT);
    /** The key's bytes (plain ASCII). */
    final byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
    /** The member as it follows another one in a stored line: {@code ,"user_id":}. */
    final byte[] member = (",\"" + key + "\":").getBytes(StandardCharsets.US_ASCII);

    /** Whether the value is an object ({@code details}, {@code metadata}) rather than a string. */
    public boolean object() {
        return this == DETAILS || this == METADATA;
    }

    /** The field's value in the record: a Long (seq), a String, an Instant (timestamp) or a Map; null when absent. */
    public Object of(AuditRecord r) {
        return switch (this) {
            case SEQ -> r.seq();
            case PREV -> r.prev();
            case HASH -> r.hash();
            default -> of(r.event());
        };
    }

    /** An event field's value: a String, an Instant (timestamp) or a Map; null when absent. */
    public Object of(AuditEvent e) {
        return switch (this) {
            case EVENT_ID -> e.eventId();
            case TIMESTAMP -> e.timestamp();
            case HOST -> e.host();
            case EVENT_TYPE -> e.eventType();
            case LEVEL -> e.level();
            case USER_ID -> e.userId();
            case SESSION_ID -> e.sessionId();
            case SOURCE_IP -> e.sourceIp();
            case USER_AGENT -> e.userAgent();
            case RESOURCE -> e.resource();
            case ACTION -> e.action();
            case RESULT -> e.result();
            case DETAILS -> e.details();
            case METADATA -> e.metadata();
            default -> throw new IllegalArgumentException(key + " is not an event field");
        };
    }

    /** An event from its fields' values (String, Instant for the timestamp, Map for details and metadata). */
    @SuppressWarnings("unchecked")
    static AuditEvent event(Function<AuditField, Object> value) {
        Object[] v = new Object[EVENT.size()];
        for (AuditField f : EVENT) {
            v[f.ordinal() - 1] = value.apply(f);
        }
        return new AuditEvent((String) v[0], (Instant) v[1], (String) v[2], (String) v[3], (String) v[4],
                (String) v[5], (String) v[6], (String) v[7], (String) v[8], (String) v[9], (String) v[10],
                (String) v[11], (Map<String, Object>) v[12], (Map<String, Object>) v[13]);
    }

    /** The field whose key is {@code b[from, to)}, or null. */
    static AuditField ofKey(byte[] b, int from, int to) {
        for (AuditField f : values()) {
            if (Arrays.equals(f.bytes, 0, f.bytes.length, b, from, to)) {
                return f;
            }
        }
        return null;
    }

    /** Writes the value in canonical (RFC 8785) form: a timestamp as SPEC §4.4 stores it, null as {@code null}. */
    static void write(ByteBuf out, Object value) {
        if (value instanceof Instant t) {
            Timestamps.json(out, t);
        } else if (value instanceof Long n) {
            out.decimal(n);
        } else if (value == null) {
            out.ascii("null");
        } else {
            Jcs.value(out, value);
        }
    }
}
