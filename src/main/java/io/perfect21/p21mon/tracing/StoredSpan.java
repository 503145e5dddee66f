package io.perfect21.p21mon.tracing;

import java.util.Map;

/**
 * A finished span as read back from Jaeger or the span file: ids (parent null for a root), operation, service, start
 * and duration in microseconds, whether it failed, and its tags as strings.
 */
public record StoredSpan(String traceId, String spanId, String parentId, String operation, String service,
                         long startMicros, long durationMicros, boolean error, Map<String, String> tags) {
    public StoredSpan {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
