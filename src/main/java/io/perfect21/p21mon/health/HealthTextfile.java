package io.perfect21.p21mon.health;

import io.perfect21.p21mon.AtomicFiles;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A health report as Prometheus text exposition format 0.0.4, for node_exporter's textfile collector and the
 * {@code prometheus} output: no sample timestamps (node_exporter rejects a file that has one), no OpenMetrics-only
 * syntax. Status gauges use the Nagios codes: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown.
 *
 * <pre>{@code
 * HealthTextfile.write(Path.of("/var/lib/node_exporter/textfile"), report);   // p21mon_health.prom
 * }</pre>
 */
public final class HealthTextfile {
    /** The file's name in the textfile directory. */
    public static final String FILE_NAME = "p21mon_health.prom";

    private HealthTextfile() {
    }

    /** The exposition text of the report. */
    public static String render(HealthReport report) {
        StringBuilder sb = new StringBuilder();
        header(sb, "p21_health_status",
                "Worst status of the last p21mon health run: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown.");
        sb.append("p21_health_status ").append(report.status().nagiosCode()).append('\n');
        header(sb, "p21_health_check_status",
                "Status of a health check in the last run: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown.");
        for (HealthCheckResult c : report.checks()) {
            sb.append("p21_health_check_status{check=\"").append(escape(c.name())).append("\",type=\"")
                    .append(escape(c.type())).append("\"} ").append(c.status().nagiosCode()).append('\n');
        }
        header(sb, "p21_health_check_duration_seconds", "How long a health check took in the last run.");
        for (HealthCheckResult c : report.checks()) {
            sb.append("p21_health_check_duration_seconds{check=\"").append(escape(c.name())).append("\"} ")
                    .append(number(c.durationMs() / 1000.0)).append('\n');
        }
        header(sb, "p21_health_run_duration_seconds", "How long the last p21mon health run took.");
        sb.append("p21_health_run_duration_seconds ").append(number(report.durationMs() / 1000.0)).append('\n');
        header(sb, "p21_health_last_run_timestamp_seconds", "When the last p21mon health run started, seconds since the epoch.");
        sb.append("p21_health_last_run_timestamp_seconds ")
                .append(number(report.timestamp().toEpochMilli() / 1000.0)).append('\n');
        return sb.toString();
    }

    /** Writes {@code dir/p21mon_health.prom} atomically (a temporary file in the same directory, then a rename). */
    public static Path write(Path dir, HealthReport report) {
        Path target = dir.resolve(FILE_NAME);
        AtomicFiles.write(target, render(report));
        return target;
    }

    private static void header(StringBuilder sb, String name, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
    }

    /** Escapes a label value: backslash, double quote and newline. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
