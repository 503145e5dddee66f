package io.perfect21.p21mon.health;

import io.perfect21.p21mon.tracing.SpanTree;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A health run as a span tree for {@link io.perfect21.p21mon.tracing.Tracing#record}: a {@code health} root with one
 * {@code health.check NAME} child per check. The checks run concurrently from the run's start, so each child starts
 * with the root and lasts the check's own duration; a check that is not healthy is a span in error.
 */
public final class HealthSpans {
    private HealthSpans() {
    }

    public static SpanTree tree(HealthReport report) {
        List<SpanTree> children = report.checks().stream().map(c -> {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("health.check", c.name());
            attributes.put("health.check.type", c.type());
            attributes.put("health.status", c.status().label());
            attributes.put("health.message", c.message());
            return SpanTree.leaf("health.check " + c.name(), report.timestamp(), Duration.ofMillis(c.durationMs()),
                    attributes, c.status() == HealthStatus.HEALTHY ? null : c.status().label() + ": " + c.message());
        }).toList();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("health.status", report.status().label());
        attributes.put("health.checks", (long) report.checks().size());
        attributes.put("host.name", report.host());
        String error = report.status() == HealthStatus.HEALTHY ? null : "health " + report.status().label();
        return SpanTree.of("health", report.timestamp(), Duration.ofMillis(report.durationMs()), attributes, error, children);
    }
}
