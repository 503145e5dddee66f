package io.perfect21.p21mon.tracing;

/**
 * One span, open until {@link #close()}: tags (attributes), events, an error status, and its W3C context to hand on.
 * Made by {@link Tracing#span}; a no-op tracer's spans record nothing but still carry ids.
 *
 * <pre>{@code
 * try (TraceSpan span = tracing.span("backup")) {
 *     span.tag("files", 1200);
 *     span.context().injectEnvironment(childEnv);
 * }
 * }</pre>
 */
public interface TraceSpan extends AutoCloseable {
    /** Sets a string attribute (null values are skipped). */
    TraceSpan tag(String key, String value);

    /** Sets an integer attribute. */
    TraceSpan tag(String key, long value);

    /** Sets a floating-point attribute. */
    TraceSpan tag(String key, double value);

    /** Sets a boolean attribute. */
    TraceSpan tag(String key, boolean value);

    /** Adds a timestamped event. */
    TraceSpan event(String name);

    /** Marks the span failed with this message. */
    TraceSpan error(String message);

    /** The span's W3C context (trace id, span id, sampled flag, trace state) to inject into headers or a child's environment. */
    TraceContext context();

    /** A child span of this one, started now. */
    TraceSpan child(String name);

    /** Ends the span now; later calls do nothing. */
    @Override
    void close();
}
