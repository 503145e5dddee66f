package io.perfect21.p21mon.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.Map;

/**
 * One entry of {@code alerting.rules}: a user's own Prometheus alerting rule, written beside p21mon's by
 * {@code alerts rules} (file {@code user.yml}). {@code severity}, {@code summary}, {@code description} and
 * {@code runbook_url} are shortcuts for the label and annotations every alert carries; {@code labels} and
 * {@code annotations} add any others.
 */
public record AlertRuleConfig(String alert, String expr, @JsonProperty("for") Duration forDuration, String severity,
                              String summary, String description, String runbookUrl, Map<String, String> labels,
                              Map<String, String> annotations) {
    public AlertRuleConfig {
        if (alert == null || alert.isBlank()) {
            throw new IllegalArgumentException("alerting.rules[].alert (the alert's name) is required");
        }
        if (expr == null || expr.isBlank()) {
            throw new IllegalArgumentException("alerting.rules[" + alert + "].expr (PromQL) is required");
        }
        forDuration = Defaults.or(forDuration, Duration.ZERO);
        severity = Defaults.or(severity, "warning");
        labels = Defaults.map(labels);
        annotations = Defaults.map(annotations);
    }
}
