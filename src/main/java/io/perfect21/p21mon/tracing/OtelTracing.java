package io.perfect21.p21mon.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Tracing} over the OpenTelemetry SDK: a parent-based ratio sampler (or the {@code OTEL_TRACES_SAMPLER} one)
 * that, with {@code keep_errors}, records what it drops ({@link KeepErrorsSampler}) so that failed traces are exported
 * anyway ({@link KeepErrorsProcessor}), a batching processor per exporter (OTLP/HTTP, the JSONL span file), a JVM
 * shutdown hook that flushes. Export
 * failures become one-line notices; the SDK's own java.util.logging output is silenced.
 */
final class OtelTracing extends Tracing {
    /** Held so the level set on it is not lost when the logger is collected. */
    private static final Logger OTEL_LOG = Logger.getLogger("io.opentelemetry");
    private static final String INSTRUMENTATION = "io.perfect21.p21mon";
    private static final long FLUSH_SECONDS = 10;

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final Thread hook;
    private final List<Runnable> beforeFlush = new CopyOnWriteArrayList<>();
    private CompletableResultCode shutdown;

    private OtelTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get(INSTRUMENTATION);
        this.hook = new Thread(() -> {
            beforeFlush.forEach(OtelTracing::runQuietly);
            shutdownNow();
        }, "p21mon-tracing-flush");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Builds the SDK for enabled settings; declared as {@link Tracing} so callers never link the SDK's types. */
    static Tracing create(TracingSettings s, Consumer<String> notices) {
        OTEL_LOG.setLevel(Level.OFF);
        AttributesBuilder resource = Attributes.builder().put(AttributeKey.stringKey("service.name"), s.serviceName());
        s.resourceAttributes().forEach((k, v) -> resource.put(AttributeKey.stringKey(k), v));
        SdkTracerProviderBuilder b = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(resource.build())))
                .setSampler(new KeepErrorsSampler(sampler(s), s.rootRatio(), s.keepErrors()));
        List<SpanProcessor> exporters = new ArrayList<>();
        if (s.otlpEndpoint() != null) {
            OtlpHttpSpanExporterBuilder otlp = OtlpHttpSpanExporter.builder().setEndpoint(s.otlpEndpoint())
                    .setTimeout(s.otlpTimeout());
            s.otlpHeaders().forEach(otlp::addHeader);
            exporters.add(batch(new Reporting(otlp.build(), s.otlpEndpoint(), notices), s));
        }
        if (s.fileOutput() != null) {
            exporters.add(batch(new Reporting(new JsonlSpanExporter(s.fileOutput(), s.maxSpans()),
                    s.fileOutput().toString(), notices), s));
        }
        SpanProcessor all = SpanProcessor.composite(exporters);
        b.addSpanProcessor(s.keepErrors() ? new KeepErrorsProcessor(all) : all);
        return new OtelTracing(b.build());
    }

    /** With keep_errors, {@link KeepErrorsProcessor} hands on only the unsampled spans to export. */
    private static SpanProcessor batch(SpanExporter exporter, TracingSettings s) {
        return BatchSpanProcessor.builder(exporter).setExportUnsampledSpans(s.keepErrors()).build();
    }

    private static Sampler sampler(TracingSettings s) {
        return switch (s.sampler()) {
            case "always_on" -> Sampler.alwaysOn();
            case "always_off" -> Sampler.alwaysOff();
            case "traceidratio" -> Sampler.traceIdRatioBased(s.ratio());
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
            default -> Sampler.parentBased(Sampler.traceIdRatioBased(s.ratio()));
        };
    }

    Tracer tracerFor() {
        return tracer;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public TraceSpan span(String name) {
        return start(tracer.spanBuilder(name).setParent(Context.current()));
    }

    @Override
    public TraceSpan span(String name, TraceContext parent) {
        return start(tracer.spanBuilder(name).setParent(parent == null ? Context.current() : context(parent)));
    }

    private TraceSpan start(SpanBuilder builder) {
        Span span = builder.startSpan();
        return new OtelSpan(this, span);
    }

    @Override
    public TraceContext record(SpanTree tree, TraceContext parent) {
        Span root = record(tree, parent == null ? Context.current() : context(parent));
        return contextOf(root);
    }

    private Span record(SpanTree tree, Context parent) {
        Span span = tracer.spanBuilder(tree.name()).setParent(parent)
                .setStartTimestamp(tree.start().getEpochSecond() * 1_000_000_000L + tree.start().getNano(),
                        TimeUnit.NANOSECONDS)
                .startSpan();
        tree.attributes().forEach((k, v) -> OtelSpan.set(span, k, v));
        if (tree.error() != null) {
            span.setStatus(StatusCode.ERROR, tree.error());
        }
        Context here = parent.with(span);
        tree.children().forEach(c -> record(c, here));
        Instant end = tree.start().plus(tree.duration());
        span.end(end.getEpochSecond() * 1_000_000_000L + end.getNano(), TimeUnit.NANOSECONDS);
        return span;
    }

    @Override
    public Runnable beforeShutdownFlush(Runnable action) {
        beforeFlush.add(action);
        return () -> beforeFlush.remove(action);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or about to
        }
        shutdownNow();
    }

    /**
     * Flushes and stops the SDK once; every caller (the main thread closing, the shutdown hook) waits for that one
     * flush, so the JVM cannot halt while the main thread is still exporting.
     */
    private void shutdownNow() {
        CompletableResultCode result;
        synchronized (this) {
            if (shutdown == null) {
                shutdown = provider.shutdown();
            }
            result = shutdown;
        }
        result.join(FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // the flush after it matters more
        }
    }

    // --- W3C context <-> OpenTelemetry context -------------------------------------------------------------------
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    static Context context(TraceContext parent) {
        Map<String, String> carrier = new HashMap<>();
        parent.injectHeaders(carrier);
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER);
    }

    static TraceContext contextOf(Span span) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
        TraceContext c = TraceContext.fromHeaders(carrier);
        return c != null ? c : TraceContext.newRoot();
    }

    /** Passes spans on and turns a failed export into a notice (once per kind of failure, not per batch). */
    private static final class Reporting implements SpanExporter {
        private final SpanExporter delegate;
        private final String target;
        private final Consumer<String> notices;
        private final AtomicBoolean reported = new AtomicBoolean();

        Reporting(SpanExporter delegate, String target, Consumer<String> notices) {
            this.delegate = delegate;
            this.target = target;
            this.notices = notices;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            CompletableResultCode result = delegate.export(spans);
            result.whenComplete(() -> {
                if (!result.isSuccess() && reported.compareAndSet(false, true)) {
                    Throwable t = result.getFailureThrowable();
                    notices.accept("tracing: could not export " + spans.size() + " span(s) to " + target
                            + (t == null ? "" : ": " + (t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName())));
                }
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }
}
