package io.perfect21.p21mon.config;

/**
 * {@code tracing:}: OpenTelemetry set-up. Tracing is off (a no-op) unless an OTLP endpoint, the seed's
 * {@code jaeger_host}, or a {@code file_output} span file is given. {@code sampling_rate} (0–1) is the share of new
 * traces kept; with {@code keep_errors} (default true) a trace with a failed span (a failed, killed or timed-out job)
 * is kept whatever the ratio said.
 */
public record TracingConfig(
        String serviceName,
        String jaegerHost,
        String otlpEndpoint,
        String jaegerQueryUrl,
        Double samplingRate,
        String fileOutput,
        Integer maxSpans,
        Boolean keepErrors) {

    public TracingConfig {
        serviceName = Defaults.or(serviceName, "perfect21");
        jaegerQueryUrl = Defaults.or(jaegerQueryUrl, "http://localhost:16686");
        samplingRate = Defaults.or(samplingRate, 0.1);
        if (samplingRate < 0 || samplingRate > 1) {
            throw new IllegalArgumentException("tracing.sampling_rate must be from 0 to 1, got " + samplingRate);
        }
        maxSpans = Defaults.or(maxSpans, 10_000);
        if (maxSpans < 1) {
            throw new IllegalArgumentException("tracing.max_spans must be at least 1, got " + maxSpans);
        }
        keepErrors = Defaults.or(keepErrors, true);
    }

    static TracingConfig defaults() {
        return new TracingConfig(null, null, null, null, null, null, null, null);
    }

    /** Whether anything would receive spans. */
    public boolean enabled() {
        return jaegerHost != null || otlpEndpoint != null || fileOutput != null;
    }
}
