package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.audit.AuditEvent;
import io.perfect21.p21mon.audit.AuditRecord;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostSample;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The screen of {@code p21mon top} as lines of text for a given width and height: a pure function of what was
 * sampled, so the full-screen loop, the plain periodic print and the tests all draw the same thing. Sections, top to
 * bottom: header, CPU (total and per processor), memory and swap, load and network, file systems at or above their
 * warning level, health checks, firing alerts, the latest audit events, and the key help.
 */
public final class TopScreen {
    /** How the health checks are ordered; {@code s} cycles through them. */
    public enum Sort {
        STATUS, NAME, DURATION;

        public Sort next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    /** One firing alert as top shows it. */
    public record FiringAlert(String name, String severity, String summary, Instant since) {
    }

    /**
     * Everything one frame shows. {@code rates} is null on the first frame (no earlier sample yet), {@code health}
     * null until the first health run ends; {@code diskWarningRatio} picks the file systems worth showing.
     */
    public record View(String host, Instant at, Duration interval, HostSample sample, HostSample.Rates rates,
                       HealthReport health, List<FiringAlert> alerts, List<AuditRecord> audit,
                       double diskWarningRatio, Sort sort, boolean paused, boolean help) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private TopScreen() {
    }

    /**
     * The frame, at most {@code width} visible characters a line: for a screen of {@code height} lines (padded, the
     * key help on the last), or with {@code height} 0 as many lines as it takes and no key help (the plain print).
     */
    public static List<String> draw(View v, int width, int height, Style style) {
        width = Math.max(width, 40);
        List<String> lines = new ArrayList<>();
        lines.add(style.bold("p21mon top") + " — " + v.host() + "  " + CLOCK.format(v.at()) + " UTC  every "
                + seconds(v.interval()) + (v.paused() ? "  " + style.status("warning").replace("warning", "PAUSED") : ""));
        if (v.help()) {
            lines.add("");
            lines.add("  q  quit        h  this help (any key closes it)");
            lines.add("  s  sort the health checks: status → name → duration (now: " + v.sort().name().toLowerCase(Locale.ROOT) + ")");
            lines.add("  p  pause and resume the refresh");
            return fit(lines, width, height <= 0 ? Integer.MAX_VALUE : height);
        }
        int barWidth = Math.max(10, Math.min(50, width - 40));
        if (v.rates() == null) {
            lines.add("CPU  " + bar(0, barWidth) + "   …  (sampling)");
        } else {
            lines.add("CPU  " + bar(v.rates().cpuUsageRatio(), barWidth) + " " + percent(v.rates().cpuUsageRatio()));
            List<Double> cores = v.rates().perProcessorUsageRatio();
            int perCoreBar = Math.max(8, Math.min(20, (width - 8) / 2 - 14));
            for (int i = 0; i < cores.size(); i += 2) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, " %3d %s %s", i, bar(cores.get(i), perCoreBar),
                        percent(cores.get(i))));
                if (i + 1 < cores.size()) {
                    row.append(String.format(Locale.ROOT, "   %3d %s %s", i + 1, bar(cores.get(i + 1), perCoreBar),
                            percent(cores.get(i + 1))));
                }
                lines.add(row.toString());
            }
        }
        var mem = v.sample().memory();
        lines.add("Mem  " + bar(mem.usageRatio(), barWidth) + " " + percent(mem.usageRatio()) + "  "
                + bytes(mem.usedBytes()) + " / " + bytes(mem.totalBytes()));
        lines.add("Swap " + bar(mem.swapUsageRatio(), barWidth) + " " + percent(mem.swapUsageRatio()) + "  "
                + bytes(mem.swapUsedBytes()) + " / " + bytes(mem.swapTotalBytes()));
        var load = v.sample().load();
        lines.add(String.format(Locale.ROOT, "Load %.2f %.2f %.2f", load.load1(), load.load5(), load.load15())
                + (v.rates() == null ? "" : "   Net rx " + bytes((long) v.rates().receiveBytesPerSecond()) + "/s  tx "
                + bytes((long) v.rates().transmitBytesPerSecond()) + "/s"));
        List<FileSystemUsage> full = v.sample().fileSystems().stream()
                .filter(f -> f.usageRatio() >= v.diskWarningRatio())
                .sorted(Comparator.comparingDouble(FileSystemUsage::usageRatio).reversed()).toList();
        lines.add("");
        lines.add(style.bold("File systems") + style.dim(" at or above " + percent(v.diskWarningRatio()).strip()
                + (full.isEmpty() ? ": none" : "")));
        for (FileSystemUsage f : full) {
            lines.add("  " + bar(f.usageRatio(), 20) + " " + percent(f.usageRatio()) + "  " + f.mountPoint() + "  "
                    + bytes(f.availBytes()) + " free");
        }
        lines.add("");
        lines.addAll(health(v, style));
        lines.add("");
        lines.add(style.bold("Alerts firing") + (v.alerts().isEmpty() ? style.dim(": none") : ""));
        for (FiringAlert a : v.alerts()) {
            lines.add("  " + style.status("firing") + "  " + a.name() + " [" + a.severity() + "]  " + a.summary()
                    + (a.since() == null ? "" : style.dim("  since " + CLOCK.format(a.since()))));
        }
        lines.add("");
        lines.add(style.bold("Latest audit events") + (v.audit().isEmpty() ? style.dim(": none") : ""));
        for (int i = v.audit().size() - 1; i >= 0; i--) {
            AuditRecord r = v.audit().get(i);
            AuditEvent e = r.event();
            // the resource names what was acted on: the job of a `run` (agent_execution ... run backup)
            lines.add("  " + CLOCK.format(e.timestamp()) + "  " + e.eventType() + "  " + e.userId() + "  " + e.action()
                    + (e.resource() == null || e.resource().isEmpty() ? "" : " " + e.resource())
                    + (e.result() == null ? "" : "  " + style.status(e.result())));
        }
        if (height <= 0) {
            return fit(lines, width, Integer.MAX_VALUE);
        }
        List<String> out = fit(lines, width, height - 1);
        while (out.size() < height - 1) {
            out.add("");
        }
        out.add(style.dim("q quit  h help  s sort (" + v.sort().name().toLowerCase(Locale.ROOT) + ")  p pause"));
        return out;
    }

    private static List<String> health(View v, Style style) {
        List<String> lines = new ArrayList<>();
        if (v.health() == null) {
            lines.add(style.bold("Health checks") + style.dim(": running…"));
            return lines;
        }
        HealthReport h = v.health();
        lines.add(style.bold("Health checks") + "  " + style.status(h.status().label()) + style.dim("  at "
                + CLOCK.format(h.timestamp()) + ", " + h.durationMs() + " ms"));
        Comparator<HealthCheckResult> order = switch (v.sort()) {
            case STATUS -> Comparator.comparing((HealthCheckResult c) -> -c.status().severity())
                    .thenComparing(HealthCheckResult::name);
            case NAME -> Comparator.comparing(HealthCheckResult::name);
            case DURATION -> Comparator.comparingLong(HealthCheckResult::durationMs).reversed();
        };
        for (HealthCheckResult c : h.checks().stream().sorted(order).toList()) {
            lines.add("  " + pad(style.status(c.status().label()), c.status().label(), 10) + " "
                    + String.format(Locale.ROOT, "%-20s %6d ms  %s", c.name(), c.durationMs(), c.message()));
        }
        return lines;
    }

    private static String pad(String styled, String plain, int width) {
        return styled + " ".repeat(Math.max(0, width - plain.length()));
    }

    /** A bar of {@code width} cells between brackets, filled in proportion to {@code ratio} (0–1). */
    static String bar(double ratio, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, ratio)) * width);
        return "[" + "|".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%5.1f%%", ratio * 100);
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** Cuts lines to the width (counting only visible characters) and the list to the height. */
    private static List<String> fit(List<String> lines, int width, int height) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (out.size() >= height) {
                break;
            }
            out.add(cut(l, width));
        }
        return out;
    }

    static String cut(String line, int width) {
        StringBuilder sb = new StringBuilder();
        int visible = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\u001b') {
                int end = line.indexOf('m', i);
                if (end > 0) {
                    sb.append(line, i, end + 1);
                    i = end;
                    continue;
                }
            }
            if (visible == width) {
                return sb.append(line.contains("\u001b") ? "\u001b[0m" : "").toString();
            }
            sb.append(c);
            visible++;
        }
        return sb.toString();
    }
}
