package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfect21.p21mon.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces a dashboard's deprecated panels the way Grafana migrates them when it opens one: {@code graph} becomes
 * {@code timeseries} (its lines, bars, points, fill and stacking as the draw style; the left y axis as unit, min, max,
 * decimals and label; its thresholds as threshold steps drawn as lines; its legend and tooltip as options),
 * {@code singlestat} becomes {@code stat} (unit, decimals, thresholds, the value name as the reducer, the sparkline as
 * the graph mode), {@code table-old} becomes {@code table}, {@code grafana-piechart-panel} becomes {@code piechart},
 * {@code grafana-worldmap-panel} becomes {@code geomap}. The shape around the dashboard (the API's
 * {@code {"dashboard": …}}, an export's {@code __inputs}) is kept.
 *
 * <pre>{@code
 * DashboardMigrator.Result r = DashboardMigrator.migrate(json); // r.json(), r.changes(): ["panel 2 \"CPU\": graph → timeseries"]
 * }</pre>
 */
public final class DashboardMigrator {
    /** The migrated JSON (same shape as given) and one line per panel replaced. */
    public record Result(JsonNode json, List<String> changes) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    private static final Map<String, String> REDUCERS = Map.of("avg", "mean", "current", "lastNotNull", "total", "sum",
            "max", "max", "min", "min", "first", "firstNotNull", "delta", "delta", "range", "range", "diff", "diff",
            "name", "lastNotNull");

    private DashboardMigrator() {
    }

    /** Migrates a copy of the dashboard; the given JSON is left alone. */
    public static Result migrate(JsonNode given) {
        JsonNode copy = given.deepCopy();
        JsonNode dashboard = DashboardValidator.unwrap(copy);
        List<String> changes = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            panel((ObjectNode) p, changes);
            for (JsonNode nested : p.path("panels")) {
                panel((ObjectNode) nested, changes);
            }
        }
        return new Result(copy, changes);
    }

    private static void panel(ObjectNode p, List<String> changes) {
        String type = p.path("type").asText("");
        String to = DashboardValidator.DEPRECATED_PANELS.get(type);
        if (to == null) {
            return;
        }
        switch (type) {
            case "graph" -> graph(p);
            case "singlestat", "grafana-singlestat-panel" -> singlestat(p);
            case "grafana-piechart-panel" -> piechart(p);
            case "table-old" -> p.remove(List.of("styles", "transform", "columns", "sort"));
            default -> { }
        }
        p.put("type", to);
        changes.add("panel " + p.path("id").asText("?") + " \"" + p.path("title").asText("") + "\": " + type + " → " + to);
    }

    private static ObjectNode defaults(ObjectNode p) {
        ObjectNode fieldConfig = p.withObjectProperty("fieldConfig");
        if (!fieldConfig.has("overrides")) {
            fieldConfig.putArray("overrides");
        }
        return fieldConfig.withObjectProperty("defaults");
    }

    private static void graph(ObjectNode p) {
        ObjectNode d = defaults(p);
        ObjectNode custom = d.withObjectProperty("custom");
        boolean bars = p.path("bars").asBoolean(false);
        boolean points = p.path("points").asBoolean(false);
        boolean lines = p.path("lines").asBoolean(true);
        custom.put("drawStyle", bars ? "bars" : !lines && points ? "points" : "line");
        custom.put("lineWidth", p.path("linewidth").asInt(1));
        custom.put("fillOpacity", Math.min(100, p.path("fill").asInt(1) * 10));
        custom.put("showPoints", points ? "always" : "never");
        custom.put("pointSize", p.path("pointradius").asInt(2) * 2 + 1);
        custom.put("lineInterpolation", p.path("steppedLine").asBoolean(false) ? "stepAfter" : "linear");
        custom.put("spanNulls", "connected".equals(p.path("nullPointMode").asText()));
        custom.withObjectProperty("stacking").put("mode", p.path("stack").asBoolean(false)
                ? (p.path("percentage").asBoolean(false) ? "percent" : "normal") : "none");
        JsonNode y = p.path("yaxes").path(0);
        if (y.isObject()) {
            if (y.hasNonNull("format")) {
                d.put("unit", y.path("format").asText());
            }
            number(d, "min", y.path("min"));
            number(d, "max", y.path("max"));
            number(d, "decimals", y.path("decimals"));
            if (!y.path("label").asText("").isEmpty()) {
                custom.put("axisLabel", y.path("label").asText());
            }
            custom.put("axisPlacement", y.path("show").asBoolean(true) ? "auto" : "hidden");
            if (y.path("logBase").asInt(1) > 1) {
                custom.withObjectProperty("scaleDistribution").put("type", "log").put("log", y.path("logBase").asInt());
            }
        }
        JsonNode thresholds = p.path("thresholds");
        if (thresholds.isArray() && thresholds.size() > 0) {
            ArrayNode steps = thresholdSteps(d);
            for (JsonNode t : thresholds) {
                if (t.path("value").isNumber()) {
                    String mode = t.path("colorMode").asText("critical");
                    steps.addObject().put("color", mode.equals("ok") ? "green" : mode.equals("warning") ? "orange" : "red")
                            .put("value", t.path("value").asDouble());
                }
            }
            custom.withObjectProperty("thresholdsStyle").put("mode", thresholds.path(0).path("fill").asBoolean(false)
                    ? "line+area" : "line");
        }
        JsonNode legend = p.path("legend");
        ObjectNode options = p.withObjectProperty("options");
        ObjectNode l = options.withObjectProperty("legend");
        l.put("showLegend", legend.path("show").asBoolean(true));
        l.put("displayMode", legend.path("alignAsTable").asBoolean(false) ? "table" : "list");
        l.put("placement", legend.path("rightSide").asBoolean(false) ? "right" : "bottom");
        ArrayNode calcs = l.putArray("calcs");
        for (String k : List.of("avg", "min", "max", "current", "total")) {
            if (legend.path(k).asBoolean(false)) {
                calcs.add(REDUCERS.get(k));
            }
        }
        JsonNode tooltip = p.path("tooltip");
        options.withObjectProperty("tooltip").put("mode", tooltip.path("shared").asBoolean(true) ? "multi" : "single")
                .put("sort", switch (tooltip.path("sort").asInt(0)) {
                    case 1 -> "asc";
                    case 2 -> "desc";
                    default -> "none";
                });
        p.remove(List.of("bars", "points", "lines", "linewidth", "fill", "fillGradient", "pointradius", "steppedLine",
                "nullPointMode", "stack", "percentage", "yaxes", "xaxis", "yaxis", "thresholds", "legend", "tooltip",
                "aliasColors", "seriesOverrides", "dashes", "dashLength", "spaceLength", "renderer", "timeRegions",
                "hiddenSeries", "dataLinks"));
    }

    private static void singlestat(ObjectNode p) {
        ObjectNode d = defaults(p);
        if (p.hasNonNull("format")) {
            d.put("unit", p.path("format").asText());
        }
        number(d, "decimals", p.path("decimals"));
        String[] levels = p.path("thresholds").asText("").split(",");
        JsonNode colors = p.path("colors");
        ArrayNode steps = thresholdSteps(d);
        if (colors.size() > 0) {
            ((ObjectNode) steps.get(0)).put("color", colors.get(0).asText("green"));
        }
        int k = 1;
        for (String level : levels) {
            if (!level.isBlank()) {
                try {
                    steps.addObject().put("color", colors.path(k).asText(k == 1 ? "orange" : "red"))
                            .put("value", Double.parseDouble(level.trim()));
                } catch (NumberFormatException e) {
                    // a level that is not a number: Grafana drops it too
                }
                k++;
            }
        }
        ObjectNode options = p.withObjectProperty("options");
        options.withObjectProperty("reduceOptions").put("values", false).putArray("calcs")
                .add(REDUCERS.getOrDefault(p.path("valueName").asText("avg"), "mean"));
        options.put("graphMode", p.path("sparkline").path("show").asBoolean(false) ? "area" : "none");
        options.put("colorMode", p.path("colorBackground").asBoolean(false) ? "background" : "value");
        p.remove(List.of("format", "decimals", "thresholds", "colors", "valueName", "sparkline", "colorBackground",
                "colorValue", "gauge", "valueMaps", "mappingType", "mappingTypes", "rangeMaps", "nullPointMode",
                "prefix", "postfix", "prefixFontSize", "postfixFontSize", "valueFontSize", "nullText", "tableColumn"));
    }

    private static void piechart(ObjectNode p) {
        ObjectNode options = p.withObjectProperty("options");
        options.put("pieType", "donut".equals(p.path("pieType").asText()) ? "donut" : "pie");
        options.withObjectProperty("reduceOptions").put("values", false).putArray("calcs")
                .add(REDUCERS.getOrDefault(p.path("valueName").asText("current"), "lastNotNull"));
        options.withObjectProperty("legend").put("showLegend", p.path("legend").path("show").asBoolean(true))
                .put("displayMode", "list").put("placement", "right".equals(p.path("legendType").asText()) ? "right" : "bottom");
        if (p.hasNonNull("format")) {
            defaults(p).put("unit", p.path("format").asText());
        }
        p.remove(List.of("pieType", "valueName", "legend", "legendType", "format", "aliasColors", "combine",
                "fontSize", "strokeWidth", "breakPoint", "cacheTimeout", "nullPointMode"));
    }

    private static ArrayNode thresholdSteps(ObjectNode d) {
        ObjectNode th = d.putObject("thresholds");
        th.put("mode", "absolute");
        ArrayNode steps = th.putArray("steps");
        steps.addObject().put("color", "green").putNull("value");
        return steps;
    }

    private static void number(ObjectNode target, String key, JsonNode value) {
        if (value.isNumber()) {
            target.set(key, value);
        } else if (value.isTextual() && !value.asText().isBlank()) {
            try {
                target.put(key, Double.parseDouble(value.asText()));
            } catch (NumberFormatException e) {
                // Grafana's graph kept axis bounds as strings; a non-number is no bound
            }
        }
    }

    /** The migrated dashboard as written to a file: pretty, with a final newline. */
    public static String text(JsonNode json) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
