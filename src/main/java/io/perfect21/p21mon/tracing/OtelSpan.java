package io.perfect21.p21mon.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link TraceSpan} over an OpenTelemetry span, current on its thread from start to close. */
final class OtelSpan implements TraceSpan {
    private final OtelTracing tracing;
    private final Span span;
    private final Scope scope;
    private final Thread owner = Thread.currentThread();
    private final AtomicBoolean ended = new AtomicBoolean();

    OtelSpan(OtelTracing tracing, Span span) {
        this.tracing = tracing;
        this.span = span;
        this.scope = span.makeCurrent();
    }

    static void set(Span span, String key, Object value) {
        if (value instanceof Boolean b) {
            span.setAttribute(AttributeKey.booleanKey(key), b);
        } else if (value instanceof Double || value instanceof Float) {
            span.setAttribute(AttributeKey.doubleKey(key), ((Number) value).doubleValue());
        } else if (value instanceof Number n) {
            span.setAttribute(AttributeKey.longKey(key), n.longValue());
        } else if (value != null) {
            span.setAttribute(AttributeKey.stringKey(key), value.toString());
        }
    }

    @Override
    public TraceSpan tag(String key, String value) {
        set(span, key, value);
        return this;
    }

    @Override
    public TraceSpan tag(String key, long value) {
        span.setAttribute(AttributeKey.longKey(key), value);
        return this;
    }

    @Override
    public TraceSpan tag(String key, double value) {
        span.setAttribute(AttributeKey.doubleKey(key), value);
        return this;
    }

    @Override
    public TraceSpan tag(String key, boolean value) {
        span.setAttribute(AttributeKey.booleanKey(key), value);
        return this;
    }

    @Override
    public TraceSpan event(String name) {
        span.addEvent(name);
        return this;
    }

    @Override
    public TraceSpan error(String message) {
        span.setStatus(StatusCode.ERROR, message == null ? "" : message);
        return this;
    }

    @Override
    public TraceContext context() {
        return OtelTracing.contextOf(span);
    }

    @Override
    public TraceSpan child(String name) {
        return new OtelSpan(tracing, tracing.tracerFor().spanBuilder(name).setParent(Context.current().with(span)).startSpan());
    }

    /**
     * Synchronized: a second closer (the shutdown hook while the main thread ends the span) must not go on to flush
     * before the first one has handed the ended span to the processors.
     */
    @Override
    public synchronized void close() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        span.end();
        if (Thread.currentThread() == owner) {
            scope.close();
        }
    }
}
