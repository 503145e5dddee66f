package io.perfect21.p21mon.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision to export, taken when a trace's work here ends (tail sampling within one process): sampled spans pass
 * straight to the exporters; spans the ratio did not sample (recorded by {@link KeepErrorsSampler}) wait, by trace,
 * until their local root span ends (the {@code run} span: children end before their parent), and are then exported
 * whole if one of them failed, else dropped. The ratio decides on the trace id, so the choice is the same for every
 * process of a trace. At most {@link #MAX_WAITING} spans wait; past that the oldest trace is decided early.
 */
final class KeepErrorsProcessor implements SpanProcessor {
    static final int MAX_WAITING = 10_000;

    private static final class Waiting {
        final List<ReadableSpan> spans = new ArrayList<>();
        boolean failed;
    }

    private final SpanProcessor exporters;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private int waitingSpans;

    /** {@code exporters}: the batching processors, built to export unsampled spans too (this class chooses them). */
    KeepErrorsProcessor(SpanProcessor exporters) {
        this.exporters = exporters;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        exporters.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
        return exporters.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
            exporters.onEnd(span);
            return;
        }
        List<ReadableSpan> keep = new ArrayList<>();
        synchronized (this) {
            String traceId = span.getSpanContext().getTraceId();
            Waiting w = waiting.computeIfAbsent(traceId, k -> new Waiting());
            w.spans.add(span);
            w.failed |= span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
            waitingSpans++;
            SpanContext parent = span.getParentSpanContext();
            if (!parent.isValid() || parent.isRemote()) {
                decide(traceId, keep);
            }
            while (waitingSpans > MAX_WAITING) {
                decide(waiting.keySet().iterator().next(), keep);
            }
        }
        keep.forEach(exporters::onEnd);
    }

    /** Ends the wait of one trace: its spans go to {@code keep} if one failed. */
    private void decide(String traceId, List<ReadableSpan> keep) {
        Waiting w = waiting.remove(traceId);
        waitingSpans -= w.spans.size();
        if (w.failed) {
            keep.addAll(w.spans);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Traces whose root never ended here (a span left open) are decided now, then the exporters flush and stop. */
    @Override
    public CompletableResultCode shutdown() {
        List<ReadableSpan> keep = new ArrayList<>();
        synchronized (this) {
            for (String id : new ArrayList<>(waiting.keySet())) {
                decide(id, keep);
            }
        }
        keep.forEach(exporters::onEnd);
        return exporters.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return exporters.forceFlush();
    }
}
