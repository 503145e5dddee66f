package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.audit.AuditEvent;
import io.perfect21.p21mon.audit.AuditField;
import io.perfect21.p21mon.audit.AuditJson;
import io.perfect21.p21mon.audit.AuditRecord;
import io.perfect21.p21mon.audit.AuditReport;
import io.perfect21.p21mon.audit.AuditSink;
import io.perfect21.p21mon.audit.AuditStream;
import io.perfect21.p21mon.audit.ImportReport;
import io.perfect21.p21mon.audit.PruneReport;
import io.perfect21.p21mon.audit.VerifyReport;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Output of {@code audit}: records stream row by row (fixed-width table, csv, jsonl, a json array written as it goes,
 * yaml items), so a query over millions of records prints with flat memory; summaries render as tables.
 */
public final class AuditRenderers {
    private static final String[] COLUMNS = {"TIME", "SEQ", "TYPE", "LEVEL", "USER", "ACTION", "RESOURCE", "RESULT"};
    /** Column widths; a longer cell is cut with '…', except SEQ, which names the record (a longer one shifts its row). */
    private static final int[] WIDTHS = {24, 10, 18, 8, 16, 20, 24, 0};
    private static final int SEQ = 1;

    private AuditRenderers() {
    }

    /** Registers the audit formats with {@link Renderers}. */
    public static void register() {
        // a header is written with the first record (or at the end when none matched): a stream that fails before its
        // first record (a wrong encryption key, an unreadable file) leaves stdout empty
        Renderers.register(AuditStream.class, "table", (s, out, style) -> {
            Runnable header = once(() -> row(out, style, COLUMNS, true));
            s.forEach(sink(out, s, header, r -> row(out, style, cells(r), false)));
            header.run();
        });
        // a plain store's matching lines are printed as they are, never decoded and encoded again
        Renderers.register(AuditStream.class, "jsonl", (s, out, style) -> s.forEach(sink(out, s, () -> { },
                r -> out.println(AuditJson.line(r)), (b, from, to) -> {
                    Utf8Out.print(out, b, from, to - from);
                    out.println();
                })));
        Renderers.register(AuditStream.class, "json", (s, out, style) -> {
            boolean[] first = {true};
            s.forEach(sink(out, s, () -> { }, r -> {
                out.print(first[0] ? "[\n  " : ",\n  ");
                first[0] = false;
                out.print(AuditJson.line(r));
            }));
            out.println(first[0] ? "[]" : "\n]");
        });
        Renderers.register(AuditStream.class, "csv", (s, out, style) -> {
            Runnable header = once(() -> out.println(java.util.Arrays.stream(AuditField.values())
                    .map(f -> f.key).collect(java.util.stream.Collectors.joining(","))));
            s.forEach(sink(out, s, header, r -> out.println(csv(r))));
            header.run();
        });
        Renderers.register(AuditStream.class, "yaml", (s, out, style) -> s.forEach(sink(out, s, () -> { }, r -> {
            String y = Json.yaml().writeValueAsString(Json.mapper().readTree(AuditJson.line(r)));
            out.print("- " + y.strip().replace("\n", "\n  ") + "\n");
        })));
        Renderers.register(AuditRecord.class, "table", (r, out, style) -> {
            row(out, style, COLUMNS, true);
            row(out, style, cells(r), false);
        });
        Renderers.register(AuditRecord.class, "json", (r, out, style) -> out.println(AuditJson.line(r)));
        Renderers.register(AuditRecord.class, "jsonl", (r, out, style) -> out.println(AuditJson.line(r)));
        // flat like the stored line and the JSON, not the record's Java shape (seq, event: {...})
        Renderers.register(AuditRecord.class, "yaml", (r, out, style) ->
                out.print(Json.yaml().writeValueAsString(Json.mapper().readTree(AuditJson.line(r)))));
        Renderers.register(VerifyReport.class, "table", AuditRenderers::verify);
        Renderers.register(AuditReport.class, "table", (r, out, style) -> report(r, style).print(out, style));
        Renderers.register(AuditReport.class, "csv", (r, out, style) -> {
            out.println("key,count,failed,first,last");
            r.rows().forEach(x -> out.println(csvCell(x.key()) + "," + x.count() + "," + x.failed() + ","
                    + (x.first() == null ? "" : x.first()) + "," + (x.last() == null ? "" : x.last())));
        });
        Renderers.register(ImportReport.class, "table", (r, out, style) -> {
            Table t = Table.of("IMPORTED", "REJECTED", "CHECKSUM CHECKED", "CHECKSUM MISMATCH", "SEQ", "EVENTS/S");
            double secs = Math.max(r.durationMillis(), 1) / 1000.0;
            t.row(r.imported(), r.rejected(), r.checksumChecked(), r.checksumMismatch(),
                    r.imported() == 0 ? "-" : r.firstSeq() + ".." + r.lastSeq(), Math.round(r.imported() / secs));
            t.print(out, style);
            r.problems().forEach(p -> out.println("rejected: " + p));
        });
        Renderers.register(PruneReport.class, "table", (r, out, style) -> {
            out.println((r.dryRun() ? "would remove " : "removed ") + r.removed().size() + " day file(s) before "
                    + r.cutoffDay() + " (" + r.removedBytes() + " bytes" + (r.removed().isEmpty() ? ""
                    : ", up to seq " + r.lastRemovedSeq()) + ")");
            r.removed().forEach(f -> out.println("  " + f));
            if (!r.compressed().isEmpty()) {
                out.println("compressed " + r.compressed().size() + " day file(s)");
                r.compressed().forEach(f -> out.println("  " + f));
            }
        });
    }

    /** A runnable that runs {@code r} the first time only. */
    private static Runnable once(Runnable r) {
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                done[0] = true;
                r.run();
            }
        };
    }

    /** Writes the header before the first record, and flushes while a follow waits, so rows appear as they come. */
    private static AuditSink sink(PrintWriter out, AuditStream s, Runnable header, RowWriter w) {
        return sink(out, s, header, w, null);
    }

    /** The same, also taking stored lines ({@code lines}, null: records only). */
    private static AuditSink sink(PrintWriter out, AuditStream s, Runnable header, RowWriter w,
                                  AuditSink.StoredLines lines) {
        return new AuditSink() {
            private final StoredLines stored = lines == null ? null : (b, from, to) -> {
                header.run();
                lines.accept(b, from, to);
                if (s.follow()) {
                    out.flush();
                }
            };

            @Override
            public void accept(AuditRecord r) throws IOException {
                header.run();
                w.write(r);
                if (s.follow()) {
                    out.flush();
                }
            }

            @Override
            public void idle() {
                header.run(); // --follow: the header shows while waiting for the first record
                out.flush();
            }

            @Override
            public StoredLines storedLines() {
                return stored;
            }
        };
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(AuditRecord r) throws IOException;
    }

    private static String[] cells(AuditRecord r) {
        AuditEvent e = r.event();
        return new String[]{e.timestamp() == null ? "-" : e.timestamp().toString(), Long.toString(r.seq()),
            e.eventType(), e.level(), e.userId(), e.action(), e.resource(), e.result()};
    }

    private static void row(PrintWriter out, Style style, String[] cells, boolean header) {
        StringBuilder sb = new StringBuilder(160);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "-" : cells[i].replace('\n', ' ');
            int w = WIDTHS[i];
            if (w > 0 && c.length() > w && i != SEQ) {
                c = c.substring(0, w - 1) + "…";
            }
            String shown = header ? style.bold(c) : i == 3 || i == 7 ? style.status(c) : c;
            sb.append(shown);
            if (w > 0) {
                sb.append(" ".repeat(Math.max(w - c.length(), 0) + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    private static String csv(AuditRecord r) {
        StringBuilder sb = new StringBuilder(400);
        for (AuditField f : AuditField.values()) {
            Object v = f.of(r);
            if (f != AuditField.SEQ) {
                sb.append(',');
            }
            sb.append(csvCell(v == null ? null : f.object() ? AuditJson.value(v) : v.toString()));
        }
        return sb.toString();
    }

    static String csvCell(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static Table report(AuditReport r, Style style) {
        Table t = Table.of(r.by().toUpperCase(java.util.Locale.ROOT), "COUNT", "FAILED", "FIRST", "LAST");
        r.rows().forEach(x -> t.row(x.key(), x.count(), x.failed(), x.first(), x.last()));
        t.row("TOTAL", r.total(), r.failed(), "", "");
        return t;
    }

    private static void verify(VerifyReport r, PrintWriter out, Style style) {
        out.println("audit log " + r.dir() + ": " + style.status(r.status().equals("intact") ? "intact" : r.status()));
        out.println("  integrity:    " + (r.problem() == null ? style.status("ok") + " — " + r.records() + " records"
                + (r.records() > 0 ? ", seq " + r.firstSeq() + ".." + r.lastSeq() : "") + " in " + r.files() + " file(s)"
                + (r.keyed() ? ", HMAC-keyed" : ", unkeyed SHA-256") + (r.encrypted() ? ", encrypted" : "")
                : style.status("broken")));
        if (r.problem() != null) {
            VerifyReport.Problem p = r.problem();
            out.println("  first bad record: " + p.file() + " line " + p.line() + (p.seq() == null ? "" : " seq " + p.seq()));
            out.println("    verdict:  " + p.verdict() + " — " + p.message());
            out.println("    expected: " + p.expected());
            out.println("    actual:   " + p.actual());
        }
        if (r.completeness() == null) {
            out.println("  completeness: not checked (give --anchor)");
        } else {
            VerifyReport.Completeness c = r.completeness();
            out.println("  completeness: " + style.status(c.complete() ? "ok" : "failed") + " — " + c.message()
                    + " [anchor " + c.anchor() + "]");
        }
        if (r.records() > 0) {
            out.println("  head: seq " + r.lastSeq() + " hash " + r.headHash());
        }
        r.warnings().forEach(w -> out.println("  warning: " + w));
    }

}
