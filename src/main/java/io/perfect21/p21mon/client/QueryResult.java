package io.perfect21.p21mon.client;

import java.util.List;
import java.util.Map;

/**
 * A Prometheus API query answer: its {@code resultType} ({@code vector}, {@code matrix}, {@code scalar},
 * {@code string}), the series (a scalar or string is one series with no labels), and the server's warnings.
 * Values are kept as the API sends them (strings: {@code "NaN"}, {@code "+Inf"}, big numbers) with a parsed double.
 */
public record QueryResult(String query, String resultType, List<Series> series, List<String> warnings) {
    public QueryResult {
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }

    /** One label set and its points, oldest first (one point for an instant query). */
    public record Series(Map<String, String> labels, List<Point> points) {
        public Series {
            labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
            points = List.copyOf(points);
        }

        /** {@code name{k="v",...}} as PromQL writes a series. */
        public String display() {
            String name = labels.getOrDefault("__name__", "");
            StringBuilder sb = new StringBuilder(name).append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (e.getKey().equals("__name__")) {
                    continue;
                }
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
            return sb.append('}').toString();
        }
    }

    /** A sample: seconds since the epoch and the value as sent and parsed. */
    public record Point(double timestamp, String value) {
        public double number() {
            try {
                return Double.parseDouble(value.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }
}
