package io.perfect21.p21mon.tracing;

import io.perfect21.p21mon.config.TracingConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenTelemetry for p21mon and for Java services that embed it (the seed's {@code Tracer}): set up from {@code tracing:}
 * and the standard {@code OTEL_*} variables ({@link TracingSettings}). When nothing would receive spans it is a no-op
 * made of plain classes: the SDK is not even loaded. Closing it flushes every pending span; so does the JVM's shutdown
 * (Ctrl-C included).
 *
 * <pre>{@code
 * try (Tracing tracing = Tracing.from(config.tracing(), System.getenv(), Path.of(""), System.err::println);
 *      TraceSpan span = tracing.span("nightly-report", TraceContext.fromEnvironment(System.getenv()))) {
 *     span.tag("rows", 1200);
 * }
 * }</pre>
 */
public abstract class Tracing implements AutoCloseable {
    Tracing() {
    }

    /**
     * Tracing as configured: the OpenTelemetry SDK when an OTLP endpoint or a span file is set (by config or
     * {@code OTEL_*}), else {@link #noop()}. Notices (the seed's {@code jaeger_host} mapped to OTLP, an unsupported
     * {@code OTEL_*} value, a failed export) go to {@code notices}.
     */
    public static Tracing from(TracingConfig config, Map<String, String> env, Path workDir, Consumer<String> notices) {
        TracingSettings settings = TracingSettings.resolve(config, env, workDir);
        settings.notices().forEach(notices);
        return settings.enabled() ? OtelTracing.create(settings, notices) : noop();
    }

    /** The tracer that records nothing (its spans still carry ids, so trace context is passed on). */
    public static Tracing noop() {
        return NoopTracing.INSTANCE;
    }

    /** Whether spans are recorded and exported. */
    public abstract boolean enabled();

    /** A span started now whose parent is the span open on this thread, else a new trace. */
    public abstract TraceSpan span(String name);

    /** A span started now under a remote parent (from {@code TRACEPARENT} or a header); null parent: a new trace. */
    public abstract TraceSpan span(String name, TraceContext parent);

    /**
     * Records an already measured tree of spans under the parent (null: the span open on this thread, else a new
     * trace), and returns the root span's context.
     */
    public abstract TraceContext record(SpanTree tree, TraceContext parent);

    /**
     * Runs the action first when the JVM shuts down with this tracer still open (Ctrl-C, SIGTERM), before the spans are
     * flushed: {@code run} stops its job and ends the job's span there. Returns how to take the action back (once the
     * job has ended normally).
     */
    public abstract Runnable beforeShutdownFlush(Runnable action);

    /** Runs the action in a JVM shutdown hook of its own; returns how to remove the hook. */
    static Runnable shutdownHook(Runnable action) {
        Thread hook = new Thread(action, "p21mon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs
            }
        };
    }

    /** Flushes pending spans and stops the exporters; later calls do nothing. */
    @Override
    public abstract void close();
}
