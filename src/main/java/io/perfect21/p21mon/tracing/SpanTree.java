package io.perfect21.p21mon.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A span already measured, with its children: what a run that timed its own parts ({@code health}'s concurrent checks,
 * {@code alerts eval}'s rules) hands to {@link Tracing#record} afterwards, so no span needs to be open across threads.
 * Attribute values are strings, numbers or booleans; {@code error} is null for a span that did not fail.
 *
 * <pre>{@code
 * tracing.record(SpanTree.of("alerts.eval", start, took, Map.of("rules", 12), null, children), null);
 * }</pre>
 */
public record SpanTree(String name, Instant start, Duration duration, Map<String, Object> attributes, String error,
                       List<SpanTree> children) {
    public SpanTree {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        children = children == null ? List.of() : List.copyOf(children);
        duration = duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }

    public static SpanTree of(String name, Instant start, Duration duration, Map<String, Object> attributes, String error,
                              List<SpanTree> children) {
        return new SpanTree(name, start, duration, attributes, error, children);
    }

    /** A leaf span. */
    public static SpanTree leaf(String name, Instant start, Duration duration, Map<String, Object> attributes, String error) {
        return new SpanTree(name, start, duration, attributes, error, List.of());
    }
}
