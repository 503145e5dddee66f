package io.perfect21.p21mon.config;

import java.util.Map;

/** One entry of {@code alerting.recording_rules}: a user's own recording rule ({@code level:metric:operations}). */
public record RecordingRuleConfig(String record, String expr, Map<String, String> labels) {
    public RecordingRuleConfig {
        if (record == null || record.isBlank()) {
            throw new IllegalArgumentException("alerting.recording_rules[].record (the series' name) is required");
        }
        if (expr == null || expr.isBlank()) {
            throw new IllegalArgumentException("alerting.recording_rules[" + record + "].expr (PromQL) is required");
        }
        labels = Defaults.map(labels);
    }
}
