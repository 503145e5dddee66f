package io.perfect21.p21mon.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as Alertmanager models it: identifying labels, annotations (summary, description, …), {@code firing} or
 * {@code resolved}, when it started and (once resolved) ended. Its fingerprint is a hash of its labels, stable across
 * runs, so a receiver can match a resolved notice to its firing one.
 */
public record Alert(Map<String, String> labels, Map<String, String> annotations, String status, Instant startsAt,
                    Instant endsAt, String generatorUrl) {
    /** Alertmanager's "not ended" time for firing alerts. */
    public static final Instant NOT_ENDED = Instant.parse("0001-01-01T00:00:00Z");

    public Alert {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        endsAt = endsAt == null ? NOT_ENDED : endsAt;
        generatorUrl = generatorUrl == null ? "" : generatorUrl;
    }

    public boolean firing() {
        return "firing".equals(status);
    }

    /** The alert's name label. */
    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    /** 16 hex digits of FNV-1a 64 over the sorted labels (as Alertmanager's model.Fingerprint is built). */
    public String fingerprint() {
        return fingerprint(labels);
    }

    /** The fingerprint of a label set. */
    public static String fingerprint(Map<String, String> labels) {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            h = fnv(h, e.getKey());
            h = fnv(h, "\u00ff");
            h = fnv(h, e.getValue());
            h = fnv(h, "\u00ff");
        }
        return String.format("%016x", h);
    }

    private static long fnv(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
