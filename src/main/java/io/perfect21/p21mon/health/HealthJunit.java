package io.perfect21.p21mon.health;

import io.perfect21.p21mon.AtomicFiles;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A health report as JUnit XML, one {@code <testcase>} per check, as goss writes it: an unhealthy check is a
 * {@code <failure>}, an unknown one an {@code <error>}, a degraded one passes with its warning in
 * {@code <system-out>} (CI pipelines fail on failures and errors, not on warnings).
 */
public final class HealthJunit {
    private HealthJunit() {
    }

    /** The XML document. */
    public static String render(HealthReport report) {
        long failures = report.count(HealthStatus.UNHEALTHY);
        long errors = report.count(HealthStatus.UNKNOWN);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"p21mon health\" tests=\"").append(report.checks().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"0\" time=\"").append(seconds(report.durationMs()))
                .append("\" timestamp=\"").append(report.timestamp().toString().replaceFirst("\\.\\d+Z$", "Z"))
                .append("\" hostname=\"").append(xml(report.host())).append("\">\n");
        for (HealthCheckResult c : report.checks()) {
            sb.append("  <testcase name=\"").append(xml(c.name())).append("\" classname=\"p21mon.health.")
                    .append(xml(c.type())).append("\" time=\"").append(seconds(c.durationMs())).append("\">\n");
            String tag = switch (c.status()) {
                case UNHEALTHY -> "failure";
                case UNKNOWN -> "error";
                default -> null;
            };
            if (tag != null) {
                sb.append("    <").append(tag).append(" type=\"").append(c.status().label()).append("\" message=\"")
                        .append(xml(c.message())).append("\">").append(xml(c.message()))
                        .append(c.longOutput().isEmpty() ? "" : "\n" + xml(c.longOutput()))
                        .append("</").append(tag).append(">\n");
            }
            sb.append("    <system-out>").append(xml(c.status().nagiosLabel() + ": " + c.message())).append("</system-out>\n");
            sb.append("  </testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    /** Writes the XML atomically. */
    public static void write(Path file, HealthReport report) {
        AtomicFiles.write(file, render(report));
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot hold. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
