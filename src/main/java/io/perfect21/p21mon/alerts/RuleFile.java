package io.perfect21.p21mon.alerts;

import java.util.List;
import java.util.function.UnaryOperator;

/** One Prometheus rule file as {@code alerts rules --out DIR} writes it: its file name and groups. */
public record RuleFile(String fileName, List<RuleGroup> groups) {
    public RuleFile {
        groups = List.copyOf(groups);
    }

    public List<AlertRule> alertRules() {
        return groups.stream().flatMap(g -> g.alertRules().stream()).toList();
    }

    public List<RecordingRule> recordingRules() {
        return groups.stream().flatMap(g -> g.recordingRules().stream()).toList();
    }

    /** The same file with each alerting rule mapped. */
    public RuleFile mapAlerts(UnaryOperator<AlertRule> f) {
        return new RuleFile(fileName, groups.stream()
                .map(g -> new RuleGroup(g.name(), g.recordingRules(), g.alertRules().stream().map(f).toList())).toList());
    }
}
