package io.perfect21.p21mon.alerts;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Prometheus alerting rule: its name, PromQL expression, how long it must hold ({@code for}), its labels (always a
 * {@code severity}) and annotations (always {@code summary}, {@code description} and {@code runbook_url}).
 * Annotations may use Prometheus's templates {@code {{ $labels.x }}} and {@code {{ $value }}}.
 */
public record AlertRule(String name, String expr, Duration forDuration, Map<String, String> labels,
                        Map<String, String> annotations) {
    /** The annotations every alert carries. */
    public static final java.util.List<String> REQUIRED_ANNOTATIONS = java.util.List.of("summary", "description", "runbook_url");

    public AlertRule {
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** A rule with the severity label and the three required annotations (plus any others given). */
    public static AlertRule of(String name, String expr, Duration forDuration, String severity, String summary,
                               String description, String runbookUrl) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", severity);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        annotations.put("runbook_url", runbookUrl);
        return new AlertRule(name, expr, forDuration, labels, annotations);
    }

    public String severity() {
        return labels.getOrDefault("severity", "");
    }

    /** The same rule held for another duration (tests use a short one). */
    public AlertRule withFor(Duration d) {
        return new AlertRule(name, expr, d, labels, annotations);
    }

    /** The same rule with more labels. */
    public AlertRule withLabels(Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>(labels);
        m.putAll(more);
        return new AlertRule(name, expr, forDuration, m, annotations);
    }
}
