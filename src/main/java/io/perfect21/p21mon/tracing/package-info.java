/**
 * Tracing (SPEC §4.7): {@link io.perfect21.p21mon.tracing.Tracing} sets up OpenTelemetry from {@code tracing:} and the
 * {@code OTEL_*} variables ({@link io.perfect21.p21mon.tracing.TracingSettings}); when nothing is configured it is a
 * no-op built from plain classes, so the SDK is never loaded. Spans go to an OTLP/HTTP endpoint (Jaeger) and/or the
 * JSONL span file ({@link io.perfect21.p21mon.tracing.JsonlSpanExporter}). W3C trace context travels in headers and in
 * {@code TRACEPARENT}/{@code TRACESTATE} ({@link io.perfect21.p21mon.tracing.TraceContext}).
 *
 * <p>{@code p21mon run} lives in the package {@code jobs}, which uses this one for the job's span. {@code traces …} start at
 * {@link io.perfect21.p21mon.tracing.TraceQueries} (Jaeger's query API through {@code client.JaegerClient}, or the span
 * file through {@link io.perfect21.p21mon.tracing.SpanFile}).
 */
package io.perfect21.p21mon.tracing;
