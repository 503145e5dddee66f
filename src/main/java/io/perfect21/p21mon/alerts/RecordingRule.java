package io.perfect21.p21mon.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Prometheus recording rule: the series it records ({@code level:metric:operations}), its PromQL and labels. */
public record RecordingRule(String record, String expr, Map<String, String> labels) {
    public RecordingRule {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public static RecordingRule of(String record, String expr) {
        return new RecordingRule(record, expr, Map.of());
    }
}
