package io.perfect21.p21mon.tracing;

import java.time.Instant;
import java.util.List;

/** The results of {@code p21mon traces …}; each names the API or file that answered ({@code source}). */
public final class TraceReports {
    private TraceReports() {
    }

    /** {@code traces services}. */
    public record ServiceList(String source, List<String> services) {
    }

    /** One trace of {@code traces list}: its root, when it started, how long it took, its spans, errors and services. */
    public record TraceRow(String traceId, String rootService, String rootOperation, Instant start, double durationMs,
                           int spans, int errors, List<String> services) {
    }

    /** {@code traces list}. */
    public record TraceList(String source, List<TraceRow> traces) {
    }

    /**
     * One span of a waterfall, in tree order: depth below its root, start offset from the trace's start and duration
     * (ms), whether it failed, and, for a span whose parent is not in the trace, that parent's id.
     */
    public record WaterfallRow(int depth, String spanId, String service, String operation, double offsetMs,
                               double durationMs, boolean error, String missingParent) {
    }

    /** {@code traces show}: the spans of one trace as a waterfall. */
    public record Waterfall(String source, String traceId, Instant start, double durationMs, List<String> services,
                            List<WaterfallRow> spans) {
    }

    /** Per operation: how many spans, how many failed, the error rate (0–1) and duration percentiles (ms). */
    public record OperationStats(String service, String operation, int count, int errors, double errorRate,
                                 double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    }

    /**
     * How the spans of a summary were sampled: the ratios their root spans carry ({@code sampling.ratio}; several when
     * the configuration changed), whether errors were always kept (null: the spans disagree), and whether these come
     * from the configuration because no span carried them ({@code configured}).
     */
    public record Sampling(List<Double> ratios, Boolean keepErrors, boolean configured) {
        public Sampling {
            ratios = List.copyOf(ratios);
        }
    }

    /**
     * {@code traces summary}: how many spans of how many jobs ({@code run} spans) in how many traces, how they were
     * sampled, the operations, busiest first, and lines of the span file that were skipped.
     */
    public record TraceSummary(String source, int spans, int jobs, int traces, Sampling sampling,
                               List<OperationStats> operations, List<String> skipped) {
    }
}
