package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.metrics.Promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dashboard's template variables and Grafana's own ({@code $__rate_interval}, {@code $__range}, {@code $__from}…),
 * substituted into a query the way Grafana interpolates it before sending it: {@code $name}, {@code ${name}},
 * {@code ${name:format}} ({@code regex}, {@code pipe}, {@code csv}, {@code raw}…) and the old {@code [[name]]}, each by
 * the variable's current value (several values as {@code (a|b)}, "All" as its all-value or {@code .*}); a constant of
 * an export's {@code __inputs} by its value. A name the dashboard does not define is left as written, as Grafana does.
 *
 * <pre>{@code
 * GrafanaVariables.of(dashboard).interpolate("rate(x{job=~\"$job\"}[$__rate_interval])"); // rate(x{job=~"api"}[60s])
 * }</pre>
 */
public final class GrafanaVariables {
    private static final Pattern REF = Pattern.compile(
            "\\$\\{([A-Za-z0-9_.]+)(?::([A-Za-z]+))?}|\\[\\[([A-Za-z0-9_.]+)(?::([A-Za-z]+))?]]|\\$([A-Za-z0-9_]+)");
    /** The interval Grafana's interval variables stand for here, in seconds. */
    static final long INTERVAL_SECONDS = 60;

    private final Map<String, List<String>> values;

    private GrafanaVariables(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The variables of a dashboard's {@code templating.list} and the constants of its {@code __inputs}. */
    public static GrafanaVariables of(JsonNode dashboard) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (JsonNode in : dashboard.path("__inputs")) {
            if ("constant".equals(in.path("type").asText())) {
                values.put(in.path("name").asText(), List.of(in.path("value").asText("")));
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            values.put(v.path("name").asText(), current(v));
        }
        values.put("__from", List.of("1700000000000"));
        values.put("__to", List.of("1700003600000"));
        values.put("__dashboard", List.of(dashboard.path("title").asText("dashboard")));
        values.put("__auto", List.of(INTERVAL_SECONDS + "s"));
        return new GrafanaVariables(values);
    }

    private static List<String> current(JsonNode v) {
        JsonNode value = v.path("current").path("value");
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(x -> out.add(x.asText()));
        } else if (!value.isMissingNode() && !value.isNull()) {
            out.add(value.asText());
        }
        if (out.contains("$__all")) {
            return List.of(v.path("allValue").isTextual() && !v.path("allValue").asText().isEmpty()
                    ? v.path("allValue").asText() : ".*");
        }
        if (out.isEmpty()) {
            String type = v.path("type").asText();
            if (type.equals("interval")) {
                out.add("1m");
            } else if (v.path("options").size() > 0) {
                out.add(v.path("options").get(0).path("value").asText("x"));
            } else if (type.equals("constant") || type.equals("textbox")) {
                out.add(v.path("query").asText("x"));
            } else {
                out.add("x");
            }
        }
        return out;
    }

    /** Whether the dashboard defines this variable. */
    public boolean defines(String name) {
        return values.containsKey(name);
    }

    /** The query as Grafana sends it. */
    public String interpolate(String query) {
        String withIntervals = Promql.withIntervals(query, INTERVAL_SECONDS);
        Matcher m = REF.matcher(withIntervals);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(5);
            String format = m.group(2) != null ? m.group(2) : m.group(4);
            List<String> v = values.get(name);
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : format(v, format)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String format(List<String> v, String format) {
        String f = format == null ? "" : format;
        return switch (f) {
            case "csv" -> String.join(",", v);
            case "pipe" -> String.join("|", v);
            case "regex" -> v.size() == 1 && v.get(0).equals(".*") ? ".*"
                    : group(v.stream().map(x -> x.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\\\\\$0")).toList());
            case "singlequote" -> "'" + String.join("','", v) + "'";
            case "doublequote" -> "\"" + String.join("\",\"", v) + "\"";
            default -> v.size() == 1 ? v.get(0) : group(v);
        };
    }

    private static String group(List<String> v) {
        return v.size() == 1 ? v.get(0) : "(" + String.join("|", v) + ")";
    }
}
