package io.perfect21.p21mon.alerts;

import java.util.List;

/** A Prometheus rule group: a name, its recording rules (written first) and its alerting rules. */
public record RuleGroup(String name, List<RecordingRule> recordingRules, List<AlertRule> alertRules) {
    public RuleGroup {
        recordingRules = List.copyOf(recordingRules);
        alertRules = List.copyOf(alertRules);
    }
}
