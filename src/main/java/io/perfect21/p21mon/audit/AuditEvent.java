package io.perfect21.p21mon.audit;

import io.perfect21.p21mon.P21monException;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One audit event with the reference module's fields, before it is chained: who ({@code userId}, {@code sessionId},
 * {@code sourceIp}, {@code userAgent}) did what ({@code eventType}, {@code action} on {@code resource}) with which
 * {@code result}, when (UTC) and on which {@code host}; {@code details} and {@code metadata} are free JSON objects.
 * Types and levels are their stored lower-case strings.
 *
 * <pre>{@code
 * AuditEvent e = AuditEvent.of(AuditEventType.USER_ACTION, AuditLevel.INFO, "user123", "data_export")
 *         .withResource("customer_data");
 * }</pre>
 */
public record AuditEvent(
        String eventId,
        Instant timestamp,
        String host,
        String eventType,
        String level,
        String userId,
        String sessionId,
        String sourceIp,
        String userAgent,
        String resource,
        String action,
        String result,
        Map<String, Object> details,
        Map<String, Object> metadata) {

    /** The maps are wrapped, not copied (this is the hot path of import): do not change them after. */
    public AuditEvent {
        details = details == null ? Map.of() : Collections.unmodifiableMap(details);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(metadata);
    }

    /** A new event now (its time and host are set when it is appended if left null), result {@code success}. */
    public static AuditEvent of(AuditEventType type, AuditLevel level, String userId, String action) {
        return new AuditEvent(UUID.randomUUID().toString(), null, null, type.value(), level.value(), userId,
                null, null, null, null, action, "success", null, null);
    }

    /** Details from {@code KEY=VALUE} strings (a command's repeatable {@code flag}); a string without a key is bad input. */
    public static Map<String, Object> keyValues(String flag, List<String> pairs) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (String kv : pairs == null ? List.<String>of() : pairs) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw P21monException.usage(flag + " '" + kv + "': write KEY=VALUE");
            }
            d.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return d;
    }

    public AuditEvent withResource(String r) {
        return new AuditEvent(eventId, timestamp, host, eventType, level, userId, sessionId, sourceIp, userAgent, r,
                action, result, details, metadata);
    }

    public AuditEvent withResult(String r) {
        return new AuditEvent(eventId, timestamp, host, eventType, level, userId, sessionId, sourceIp, userAgent,
                resource, action, r, details, metadata);
    }

    public AuditEvent withSource(String ip, String agent) {
        return new AuditEvent(eventId, timestamp, host, eventType, level, userId, sessionId, ip, agent, resource,
                action, result, details, metadata);
    }

    public AuditEvent withSession(String session) {
        return new AuditEvent(eventId, timestamp, host, eventType, level, userId, session, sourceIp, userAgent,
                resource, action, result, details, metadata);
    }

    public AuditEvent withDetails(Map<String, Object> d) {
        return new AuditEvent(eventId, timestamp, host, eventType, level, userId, sessionId, sourceIp, userAgent,
                resource, action, result, d, metadata);
    }

    public AuditEvent withMetadata(Map<String, Object> m) {
        return new AuditEvent(eventId, timestamp, host, eventType, level, userId, sessionId, sourceIp, userAgent,
                resource, action, result, details, m);
    }

    /** The event with its time, host and id filled in where missing. */
    AuditEvent complete(Instant now, String thisHost) {
        if (timestamp != null && host != null && eventId != null) {
            return this;
        }
        return new AuditEvent(eventId != null ? eventId : UUID.randomUUID().toString(),
                timestamp != null ? timestamp : now, host != null ? host : thisHost, eventType, level, userId,
                sessionId, sourceIp, userAgent, resource, action, result, details, metadata);
    }
}
