package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.client.QueryResult;
import io.perfect21.p21mon.metrics.MetricsReport;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code p21mon metrics} output. {@code metrics show}: {@code table}, {@code prometheus} (text 0.0.4) and
 * {@code openmetrics}, both written by the Prometheus client's own writers. {@code metrics query}: {@code table},
 * {@code csv} (one row per point, a column per label name) and {@code plot} ({@link LineChart}).
 */
public final class MetricsRenderers {
    private MetricsRenderers() {
    }

    /** Registers the formats; listed in {@link Renderers}. */
    public static void register() {
        Renderers.register(MetricsReport.class, "table", MetricsRenderers::reportTable);
        Renderers.register(MetricsReport.class, "prometheus", (r, out, style) ->
                out.print(write(w -> PrometheusTextFormatWriter.create().write(w, r.snapshots()))));
        Renderers.register(MetricsReport.class, "openmetrics", (r, out, style) ->
                out.print(write(w -> OpenMetricsTextFormatWriter.create().write(w, r.snapshots()))));
        Renderers.register(QueryResult.class, "table", MetricsRenderers::queryTable);
        Renderers.register(QueryResult.class, "csv", MetricsRenderers::queryCsv);
        Renderers.register(QueryResult.class, "plot", (r, out, style) ->
                LineChart.draw(r, width(), 16, style, out));
    }

    private interface Body {
        void write(ByteArrayOutputStream out) throws IOException;
    }

    private static String write(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int width() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 80 : Math.max(40, Math.min(240, Integer.parseInt(columns.trim())));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    static void reportTable(MetricsReport r, PrintWriter out, Style style) {
        Table t = Table.of("METRIC", "TYPE", "LABELS", "VALUE");
        for (MetricsReport.Family f : r.families()) {
            for (MetricsReport.Sample s : f.samples()) {
                t.row(s.name(), f.type(), labels(s.labels()), number(s.value()));
            }
        }
        t.print(out, style);
    }

    static void queryTable(QueryResult r, PrintWriter out, Style style) {
        if (r.series().isEmpty()) {
            out.println("(no data: the query matched no series)");
            return;
        }
        Table t = Table.of("SERIES", "TIME", "VALUE");
        for (QueryResult.Series s : r.series()) {
            String name = s.labels().isEmpty() ? r.resultType() : s.display();
            for (QueryResult.Point p : s.points()) {
                t.row(name, time(p.timestamp()), p.value());
            }
        }
        t.print(out, style);
    }

    static void queryCsv(QueryResult r, PrintWriter out, Style style) {
        TreeSet<String> names = new TreeSet<>();
        r.series().forEach(s -> names.addAll(s.labels().keySet()));
        List<String> header = new ArrayList<>(names);
        header.add("timestamp");
        header.add("value");
        out.println(String.join(",", header.stream().map(MetricsRenderers::csv).toList()));
        for (QueryResult.Series s : r.series()) {
            for (QueryResult.Point p : s.points()) {
                List<String> row = new ArrayList<>();
                for (String n : names) {
                    row.add(csv(s.labels().getOrDefault(n, "")));
                }
                row.add(BigDecimal.valueOf(p.timestamp()).stripTrailingZeros().toPlainString());
                row.add(csv(p.value()));
                out.println(String.join(",", row));
            }
        }
    }

    private static String csv(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        labels.forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
        return "{" + String.join(",", parts) + "}";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }

    private static String time(double epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds * 1000)).toString();
    }
}
