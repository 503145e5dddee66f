package io.perfect21.p21mon.tracing;

/**
 * Names of span attributes that p21mon writes and reads back (the rest follow OpenTelemetry's semantic conventions);
 * plain strings, so that reading a span file never loads the SDK.
 */
public final class SpanAttributes {
    /** On {@code run}'s span: the job's name; a span with it is a job's. */
    public static final String JOB_NAME = "job.name";
    /** On a local root span: the share of new traces the sampler keeps (0–1). */
    public static final String SAMPLING_RATIO = "sampling.ratio";
    /** On a local root span: whether traces with a failed span are kept whatever the ratio. */
    public static final String SAMPLING_KEEP_ERRORS = "sampling.keep_errors";

    private SpanAttributes() {
    }
}
