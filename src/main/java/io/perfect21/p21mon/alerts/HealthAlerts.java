package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthService;
import io.perfect21.p21mon.health.HealthStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code health --notify}: a health report's checks as alert observations for the {@link Notifier}. A check that
 * becomes degraded or unknown fires with severity {@code warning}, unhealthy with {@code critical}; one that recovers
 * is resolved; one that stays bad is repeated after {@code alerting.repeat_interval}. State namespace {@code health}.
 *
 * <pre>{@code
 * Notifier.Outcome o = HealthAlerts.notify(Notifier.of(alerting, workDir, stateDir, HealthAlerts.NAMESPACE, clock), report);
 * }</pre>
 */
public final class HealthAlerts {
    /** The notifier namespace (state file {@code health-alerts.json}). */
    public static final String NAMESPACE = "health";

    private HealthAlerts() {
    }

    /** Notifies the report's state changes. */
    public static Notifier.Outcome notify(Notifier notifier, HealthReport report) {
        return notifier.process(observations(report));
    }

    /** The report's checks as alert observations. */
    public static List<Notifier.Observation> observations(HealthReport report) {
        List<Notifier.Observation> out = new ArrayList<>();
        for (HealthCheckResult c : report.checks()) {
            String alertName = HealthService.ALERT_NAME;
            Map<String, String> key = Notifier.labels("alertname", alertName, "check", c.name(), "instance", report.host());
            Map<String, String> labels = Notifier.labels("alertname", alertName, "check", c.name(), "instance",
                    report.host(), "type", c.type(), "health_status", c.status().label(),
                    "severity", c.status() == HealthStatus.UNHEALTHY ? "critical" : "warning");
            Map<String, String> annotations = Notifier.labels(
                    "summary", "Health check " + c.name() + " on " + report.host() + " is " + c.status().label(),
                    "description", c.message());
            out.add(new Notifier.Observation(key, c.status().label(), c.status() != HealthStatus.HEALTHY, labels, annotations));
        }
        return out;
    }
}
