package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.audit.AuditProgress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long audit job on a terminal's stderr, one line redrawn in place with {@code \r}: records, bytes (of
 * the total when known, with the percentage), the rate and the time left. Draws at most every 100 ms and not at all
 * in a job's first 100 ms ({@code P21MON_PROGRESS_MS} changes that); {@link #done()} erases the line. Commands use it only when stderr is a terminal and
 * {@code -q} is not given, so stdout (e.g. {@code -o json}) is never touched.
 */
public final class Progress implements AuditProgress {
    /** The default time between two draws, and before the first. */
    public static final long EVERY_MILLIS = 100;

    private final PrintWriter err;
    private final String verb;
    private final long everyNanos;
    private final LongSupplier nanos;
    private final long start;
    private long lastDraw;
    private int drawnWidth;

    /**
     * @param verb        what the job is ({@code import}, {@code verify}, …), first on the line
     * @param everyMillis the time between two draws, and before the first ({@link #EVERY_MILLIS})
     */
    public Progress(PrintWriter err, String verb, long everyMillis) {
        this(err, verb, everyMillis, System::nanoTime);
    }

    Progress(PrintWriter err, String verb, long everyMillis, LongSupplier nanos) {
        this.err = err;
        this.verb = verb;
        this.everyNanos = everyMillis * 1_000_000;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastDraw = start;
    }

    @Override
    public void update(long records, long bytes, long totalBytes) {
        long now = nanos.getAsLong();
        if (now - lastDraw < everyNanos) {
            return;
        }
        lastDraw = now;
        draw(line(records, bytes, totalBytes, (now - start) / 1e9));
    }

    @Override
    public void done() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    private void draw(String text) {
        int pad = Math.max(0, drawnWidth - text.length());
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
        drawnWidth = text.length();
    }

    /** The line for these counts after {@code seconds}. */
    String line(long records, long bytes, long totalBytes, double seconds) {
        StringBuilder sb = new StringBuilder(verb).append(": ")
                .append(String.format(Locale.ROOT, "%,d", records)).append(" records  ").append(bytes(bytes));
        if (totalBytes > 0) {
            sb.append(" of ").append(bytes(totalBytes))
                    .append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, bytes * 100 / totalBytes)));
        }
        if (seconds > 0) {
            sb.append("  ").append(rate(records / seconds)).append(" records/s");
            if (totalBytes > 0 && bytes > 0 && bytes < totalBytes) {
                long left = Math.round(seconds * (totalBytes - bytes) / bytes);
                sb.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
            }
        }
        return sb.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String rate(double perSecond) {
        if (perSecond >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1_000_000);
        }
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1000);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
