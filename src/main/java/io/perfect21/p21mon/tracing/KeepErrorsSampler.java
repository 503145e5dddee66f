package io.perfect21.p21mon.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

import java.util.List;

/**
 * The configured sampler, with two additions. With {@code keep_errors}, a span it would drop is recorded all the same
 * (not sampled: its children and the job's {@code TRACEPARENT} still say "not sampled"), so that
 * {@link KeepErrorsProcessor} can export its trace when a span of it fails. And every local root span (a new trace, or
 * the first span under a remote parent) carries how it was sampled, {@code sampling.ratio} and
 * {@code sampling.keep_errors}, so {@code traces summary} can say what share of the jobs it shows.
 */
final class KeepErrorsSampler implements Sampler {
    static final AttributeKey<Double> RATIO = AttributeKey.doubleKey(SpanAttributes.SAMPLING_RATIO);
    static final AttributeKey<Boolean> KEEP_ERRORS = AttributeKey.booleanKey(SpanAttributes.SAMPLING_KEEP_ERRORS);

    private final Sampler delegate;
    private final boolean keepErrors;
    private final Attributes rootAttributes;

    KeepErrorsSampler(Sampler delegate, double ratio, boolean keepErrors) {
        this.delegate = delegate;
        this.keepErrors = keepErrors;
        this.rootAttributes = Attributes.of(RATIO, ratio, KEEP_ERRORS, keepErrors);
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        SamplingResult r = delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        boolean localRoot = !parent.isValid() || parent.isRemote();
        SamplingDecision decision = keepErrors && r.getDecision() == SamplingDecision.DROP
                ? SamplingDecision.RECORD_ONLY : r.getDecision();
        if (!localRoot && decision == r.getDecision()) {
            return r;
        }
        Attributes merged = localRoot ? r.getAttributes().toBuilder().putAll(rootAttributes).build() : r.getAttributes();
        // the wrapped samplers (always, ratio, parent-based) keep the parent's trace state, as create() does
        return SamplingResult.create(decision, merged);
    }

    @Override
    public String getDescription() {
        return "KeepErrors{" + delegate.getDescription() + ",keepErrors=" + keepErrors + "}";
    }
}
