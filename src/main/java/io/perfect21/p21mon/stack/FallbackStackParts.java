package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.P21monConfig;

import java.util.List;
import java.util.Map;

/**
 * The stand-in used until the alerts and dashboards generators are wired in: one rule group with a {@code TargetDown}
 * alert, an Alertmanager configuration whose default receiver drops notifications (the {@code null} receiver), and no
 * dashboards (the provisioned folder stays empty). It is not the alert set of SPEC §4.3, only enough for a stack that
 * starts, loads rules and routes alerts.
 */
public final class FallbackStackParts implements StackParts {
    @Override
    public Map<String, String> ruleFiles(P21monConfig config) {
        return Map.of("p21mon-stack.rules.yml", """
                # fallback rules of 'p21mon stack config' (the alerts generator was not available)
                groups:
                  - name: p21mon-stack
                    rules:
                      - alert: TargetDown
                        expr: up == 0
                        for: 2m
                        labels:
                          severity: critical
                        annotations:
                          summary: "{{ $labels.job }} target {{ $labels.instance }} is down"
                          description: "Prometheus could not scrape {{ $labels.instance }} (job {{ $labels.job }}) for 2 minutes."
                """);
    }

    @Override
    public String alertmanagerYaml(P21monConfig config) {
        var a = config.alerting();
        return """
                # fallback Alertmanager configuration of 'p21mon stack config' (the alerts generator was not available)
                route:
                  receiver: "null"
                  group_by: [alertname, instance]
                  group_wait: %s
                  group_interval: %s
                  repeat_interval: %s
                receivers:
                  - name: "null"
                """.formatted(Durations.format(a.groupWait()), Durations.format(a.groupInterval()),
                Durations.format(a.repeatInterval()));
    }

    @Override
    public List<NamedFile> dashboards(P21monConfig config) {
        return List.of();
    }
}
