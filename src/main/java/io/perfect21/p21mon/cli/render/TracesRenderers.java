package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.tracing.TraceReports.OperationStats;
import io.perfect21.p21mon.tracing.TraceReports.Sampling;
import io.perfect21.p21mon.tracing.TraceReports.ServiceList;
import io.perfect21.p21mon.tracing.TraceReports.TraceList;
import io.perfect21.p21mon.tracing.TraceReports.TraceRow;
import io.perfect21.p21mon.tracing.TraceReports.TraceSummary;
import io.perfect21.p21mon.tracing.TraceReports.Waterfall;
import io.perfect21.p21mon.tracing.TraceReports.WaterfallRow;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * {@code p21mon traces} output: tables of services, traces and per-operation statistics, and the waterfall of one
 * trace (indentation by parent, a bar per span scaled to the whole trace, durations, errors marked {@code !}); each
 * ends with the API or file that answered, on a dim line.
 */
public final class TracesRenderers {
    /** Width of the waterfall's bar column. */
    static final int BAR_WIDTH = 40;

    private TracesRenderers() {
    }

    /** Registers the formats; listed in {@link Renderers}. */
    public static void register() {
        Renderers.register(ServiceList.class, "table", TracesRenderers::services);
        Renderers.register(TraceList.class, "table", TracesRenderers::traces);
        Renderers.register(Waterfall.class, "table", TracesRenderers::waterfall);
        Renderers.register(TraceSummary.class, "table", TracesRenderers::summary);
    }

    static void services(ServiceList r, PrintWriter out, Style style) {
        Table t = Table.of("SERVICE");
        r.services().forEach(t::row);
        t.print(out, style);
        source(r.source(), r.services().size() + " service(s)", out, style);
    }

    static void traces(TraceList r, PrintWriter out, Style style) {
        Table t = Table.of("TRACE", "ROOT", "START", "DURATION", "SPANS", "ERRORS", "SERVICES");
        for (TraceRow row : r.traces()) {
            t.row(row.traceId(), row.rootService() + ": " + row.rootOperation(), row.start(), ms(row.durationMs()),
                    row.spans(), row.errors() > 0 ? style.status("error") + " " + row.errors() : "0",
                    String.join(",", row.services()));
        }
        t.print(out, style);
        source(r.source(), r.traces().size() + " trace(s)", out, style);
    }

    static void waterfall(Waterfall w, PrintWriter out, Style style) {
        out.println(style.bold("trace " + w.traceId()) + "  " + w.start() + "  " + ms(w.durationMs()) + "  "
                + w.spans().size() + " span(s), services: " + String.join(", ", w.services()));
        int nameWidth = 0;
        for (WaterfallRow r : w.spans()) {
            nameWidth = Math.max(nameWidth, label(r).length());
        }
        nameWidth = Math.min(nameWidth, 70);
        for (WaterfallRow r : w.spans()) {
            String name = label(r);
            if (name.length() > nameWidth) {
                name = name.substring(0, nameWidth - 1) + "…";
            }
            String bar = bar(r.offsetMs(), r.durationMs(), w.durationMs());
            String line = String.format(Locale.ROOT, "%-" + nameWidth + "s |%s| %10s  +%s", name,
                    r.error() ? style.status("error").replace("error", bar) : bar, ms(r.durationMs()), ms(r.offsetMs()));
            out.println(line + (r.error() ? "  " + style.status("error") : "")
                    + (r.missingParent() != null ? style.dim("  (parent " + r.missingParent() + " not in trace)") : ""));
        }
        source(w.source(), null, out, style);
    }

    private static String label(WaterfallRow r) {
        return "  ".repeat(r.depth()) + (r.error() ? "! " : "") + r.service() + ": " + r.operation();
    }

    /** The span's bar: spaces before its start, then at least one block, scaled to the trace. */
    static String bar(double offsetMs, double durationMs, double totalMs) {
        double scale = totalMs > 0 ? BAR_WIDTH / totalMs : 0;
        int from = (int) Math.min(BAR_WIDTH - 1, Math.floor(offsetMs * scale));
        int length = (int) Math.max(1, Math.round(durationMs * scale));
        length = Math.min(length, BAR_WIDTH - from);
        return " ".repeat(from) + "█".repeat(length) + " ".repeat(BAR_WIDTH - from - length);
    }

    static void summary(TraceSummary s, PrintWriter out, Style style) {
        Table t = Table.of("SERVICE", "OPERATION", "COUNT", "ERRORS", "ERROR RATE", "P50", "P95", "P99", "MAX");
        for (OperationStats o : s.operations()) {
            t.row(o.service(), o.operation(), o.count(), o.errors(),
                    String.format(Locale.ROOT, "%.1f%%", o.errorRate() * 100), ms(o.p50Ms()), ms(o.p95Ms()),
                    ms(o.p99Ms()), ms(o.maxMs()));
        }
        t.print(out, style);
        source(s.source(), s.spans() + " span(s) of " + s.jobs() + " job(s) in " + s.traces() + " trace(s) ("
                + sampling(s.sampling()) + ")"
                + (s.skipped().isEmpty() ? "" : ", " + s.skipped().size() + " line(s) skipped"), out, style);
    }

    /** {@code sampling ratio 0.1, errors always kept}; {@code … as configured} when no span said it. */
    static String sampling(Sampling s) {
        StringBuilder b = new StringBuilder(s.ratios().size() == 1 ? "sampling ratio " : "sampling ratios ");
        for (int i = 0; i < s.ratios().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(BigDecimal.valueOf(s.ratios().get(i)).stripTrailingZeros().toPlainString());
        }
        if (s.configured()) {
            b.append(" as configured");
        }
        b.append(s.keepErrors() == null ? ", errors kept in some" : s.keepErrors() ? ", errors always kept"
                : ", errors sampled too");
        return b.toString();
    }

    private static void source(String source, String counts, PrintWriter out, Style style) {
        out.println(style.dim("from " + source + (counts == null ? "" : ": " + counts)));
    }

    static String ms(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2fs", ms / 1000);
        }
        return String.format(Locale.ROOT, ms >= 10 ? "%.0fms" : "%.2fms", ms);
    }
}
