package io.perfect21.p21mon.tracing;

import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.client.JaegerClient;
import io.perfect21.p21mon.tracing.TraceReports.OperationStats;
import io.perfect21.p21mon.tracing.TraceReports.Sampling;
import io.perfect21.p21mon.tracing.TraceReports.ServiceList;
import io.perfect21.p21mon.tracing.TraceReports.TraceList;
import io.perfect21.p21mon.tracing.TraceReports.TraceRow;
import io.perfect21.p21mon.tracing.TraceReports.TraceSummary;
import io.perfect21.p21mon.tracing.TraceReports.Waterfall;
import io.perfect21.p21mon.tracing.TraceReports.WaterfallRow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code traces} commands' work: Jaeger's answers (or the span file) turned into reports: a trace list, a waterfall
 * (spans in tree order; a span whose parent is missing becomes a root of its own, marked), and per-operation
 * statistics (count, error rate, nearest-rank p50/p95/p99).
 */
public final class TraceQueries {
    private TraceQueries() {
    }

    public static ServiceList services(JaegerClient jaeger) {
        return new ServiceList("jaeger " + jaeger.url() + "/api/services", jaeger.services());
    }

    public static TraceList list(JaegerClient jaeger, JaegerClient.Query query) {
        List<TraceRow> rows = new ArrayList<>();
        for (JaegerClient.Trace t : jaeger.traces(query)) {
            List<StoredSpan> spans = spans(t);
            if (spans.isEmpty()) {
                continue;
            }
            rows.add(row(t.traceId(), spans));
        }
        rows.sort(Comparator.comparing(TraceRow::start).reversed());
        return new TraceList("jaeger " + jaeger.url() + "/api/traces", rows);
    }

    public static Waterfall show(JaegerClient jaeger, String traceId) {
        JaegerClient.Trace t = jaeger.trace(traceId);
        return waterfall("jaeger " + jaeger.url() + "/api/traces/" + traceId, t.traceId(), spans(t));
    }

    /**
     * One trace from the span file (and {@code FILE.1}); {@code fromConfig} as in {@link SpanFile#read}. A trace id may
     * be given without its leading zeros, as Jaeger shows it.
     *
     * @throws P21monException when the file has no span of that trace, or cannot be read
     */
    public static Waterfall show(Path spanFile, boolean fromConfig, String traceId) {
        String id = fullTraceId(traceId);
        SpanFile.Read read = SpanFile.read(spanFile, fromConfig);
        List<StoredSpan> spans = read.spans().stream().filter(s -> fullTraceId(s.traceId()).equals(id)).toList();
        if (spans.isEmpty()) {
            throw P21monException.failed("trace " + traceId + " not found in the span file " + spanFile + " ("
                    + read.spans().size() + " span(s) read)");
        }
        return waterfall("file " + spanFile, spans.get(0).traceId(), spans);
    }

    private static String fullTraceId(String id) {
        String s = id.toLowerCase(java.util.Locale.ROOT);
        return s.length() >= 32 ? s : "0".repeat(32 - s.length()) + s;
    }

    /**
     * Statistics over Jaeger's traces of a query; {@code configured} is how spans are sampled here, said when no span
     * carries its own sampling.
     */
    public static TraceSummary summary(JaegerClient jaeger, JaegerClient.Query query, Sampling configured) {
        List<StoredSpan> spans = new ArrayList<>();
        jaeger.traces(query).forEach(t -> spans.addAll(spans(t)));
        return summary("jaeger " + jaeger.url() + "/api/traces", spans, List.of(), configured);
    }

    /** Statistics over the span file ({@code fromConfig}: the file is tracing.file_output's, not given). */
    public static TraceSummary summary(Path spanFile, boolean fromConfig, Sampling configured) {
        SpanFile.Read read = SpanFile.read(spanFile, fromConfig);
        return summary("file " + spanFile, read.spans(), read.skipped(), configured);
    }

    static List<StoredSpan> spans(JaegerClient.Trace t) {
        return t.spans().stream().map(s -> new StoredSpan(s.traceId().isEmpty() ? t.traceId() : s.traceId(), s.spanId(),
                s.parentSpanId(), s.operation(), s.service(), s.startMicros(), s.durationMicros(), s.error(), s.tags()))
                .toList();
    }

    static TraceRow row(String traceId, List<StoredSpan> spans) {
        long start = spans.stream().mapToLong(StoredSpan::startMicros).min().orElse(0);
        long end = spans.stream().mapToLong(s -> s.startMicros() + s.durationMicros()).max().orElse(start);
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        StoredSpan root = spans.stream().filter(s -> s.parentId() == null || !ids.contains(s.parentId()))
                .min(Comparator.comparingLong(StoredSpan::startMicros)).orElse(spans.get(0));
        Set<String> services = new TreeSet<>();
        spans.forEach(s -> services.add(s.service()));
        int errors = (int) spans.stream().filter(StoredSpan::error).count();
        return new TraceRow(traceId, root.service(), root.operation(), instant(start), (end - start) / 1000.0, spans.size(),
                errors, List.copyOf(services));
    }

    /** The spans in tree order (children by start time under their parent); orphans are roots, marked. */
    public static Waterfall waterfall(String source, String traceId, List<StoredSpan> spans) {
        long start = spans.stream().mapToLong(StoredSpan::startMicros).min().orElse(0);
        long end = spans.stream().mapToLong(s -> s.startMicros() + s.durationMicros()).max().orElse(start);
        Map<String, StoredSpan> byId = new LinkedHashMap<>();
        spans.forEach(s -> byId.putIfAbsent(s.spanId(), s));
        Map<String, List<StoredSpan>> children = new HashMap<>();
        List<StoredSpan> roots = new ArrayList<>();
        for (StoredSpan s : byId.values()) {
            if (s.parentId() != null && byId.containsKey(s.parentId()) && !s.parentId().equals(s.spanId())) {
                children.computeIfAbsent(s.parentId(), k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        Comparator<StoredSpan> byStart = Comparator.comparingLong(StoredSpan::startMicros).thenComparing(StoredSpan::spanId);
        roots.sort(byStart);
        children.values().forEach(l -> l.sort(byStart));
        List<WaterfallRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StoredSpan r : roots) {
            walk(r, 0, start, children, rows, seen);
        }
        // spans on a parent cycle are reachable from no root: list them too
        for (StoredSpan s : byId.values()) {
            if (!seen.contains(s.spanId())) {
                walk(s, 0, start, children, rows, seen);
            }
        }
        Set<String> services = new LinkedHashSet<>();
        rows.forEach(r -> services.add(r.service()));
        return new Waterfall(source, traceId, instant(start), (end - start) / 1000.0, List.copyOf(services), rows);
    }

    private static void walk(StoredSpan s, int depth, long traceStart, Map<String, List<StoredSpan>> children,
                             List<WaterfallRow> rows, Set<String> seen) {
        if (!seen.add(s.spanId())) {
            return;
        }
        boolean orphan = s.parentId() != null && depth == 0;
        rows.add(new WaterfallRow(depth, s.spanId(), s.service(), s.operation(), (s.startMicros() - traceStart) / 1000.0,
                s.durationMicros() / 1000.0, s.error(), orphan ? s.parentId() : null));
        for (StoredSpan c : children.getOrDefault(s.spanId(), List.of())) {
            walk(c, depth + 1, traceStart, children, rows, seen);
        }
    }

    static TraceSummary summary(String source, List<StoredSpan> spans, List<String> skipped, Sampling configured) {
        Map<List<String>, List<StoredSpan>> byOperation = new LinkedHashMap<>();
        Set<String> traces = new HashSet<>();
        int jobs = 0;
        for (StoredSpan s : spans) {
            byOperation.computeIfAbsent(List.of(s.service(), s.operation()), k -> new ArrayList<>()).add(s);
            traces.add(s.traceId());
            jobs += s.tags().containsKey(SpanAttributes.JOB_NAME) ? 1 : 0;
        }
        List<OperationStats> stats = new ArrayList<>();
        byOperation.forEach((key, list) -> {
            double[] ms = new double[list.size()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = list.get(i).durationMicros() / 1000.0;
            }
            java.util.Arrays.sort(ms);
            int errors = (int) list.stream().filter(StoredSpan::error).count();
            stats.add(new OperationStats(key.get(0), key.get(1), list.size(), errors, (double) errors / list.size(),
                    percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[ms.length - 1]));
        });
        stats.sort(Comparator.comparingInt(OperationStats::count).reversed().thenComparing(OperationStats::operation));
        return new TraceSummary(source, spans.size(), jobs, traces.size(), sampling(spans, configured), stats, skipped);
    }

    /** The sampling the root spans carry ({@link KeepErrorsSampler}), else the configured one. */
    static Sampling sampling(List<StoredSpan> spans, Sampling configured) {
        Set<Double> ratios = new TreeSet<>();
        Set<Boolean> keep = new HashSet<>();
        for (StoredSpan s : spans) {
            String ratio = s.tags().get(SpanAttributes.SAMPLING_RATIO);
            if (ratio == null) {
                continue;
            }
            try {
                ratios.add(Double.parseDouble(ratio));
            } catch (NumberFormatException e) {
                continue; // not ours
            }
            keep.add(Boolean.parseBoolean(s.tags().get(SpanAttributes.SAMPLING_KEEP_ERRORS)));
        }
        if (ratios.isEmpty()) {
            return configured;
        }
        return new Sampling(List.copyOf(ratios), keep.size() == 1 ? keep.iterator().next() : null, false);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
