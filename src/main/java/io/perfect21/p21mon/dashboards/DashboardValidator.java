package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.metrics.Promql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Grafana dashboard before it is written or pushed: well-formed JSON with a uid (≤ 40 characters), a title
 * and a schemaVersion; core panel types only; unique panel ids (rows' nested panels too); each gridPos inside the
 * 24-column grid and overlapping no other; every datasource reference resolvable (the dashboard's datasource variable,
 * the configured datasource uid, or Grafana's built-in one); every PromQL expression of panels, annotations and
 * variable queries parses ({@link Promql}, after Grafana's interval variables are replaced by a duration); every metric
 * it names is one {@link KnownMetrics} knows; every {@code /d/UID} drill-down link points at a known dashboard. Each
 * problem names the panel ({@code panel 4 "CPU busy", query A: unknown metric …}).
 */
public final class DashboardValidator {
    /** The panel types of Grafana's core (no Angular, no plugins), and rows. */
    public static final Set<String> CORE_PANELS = Set.of("timeseries", "stat", "gauge", "bargauge", "table", "text", "row");

    private static final Pattern VARIABLE_REF = Pattern.compile("^\\$\\{?([A-Za-z0-9_]+)}?$|^\\[\\[([A-Za-z0-9_]+)]]$");
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern LINK_UID = Pattern.compile("^/d/([^/?#]+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Set<String> GRAFANA_DATASOURCES = Set.of("-- Grafana --", "grafana", "-- Mixed --",
            "-- Dashboard --");

    private final KnownMetrics known;
    private final String datasourceUid;

    /**
     * @param known         the metric names dashboards may query
     * @param datasourceUid the Prometheus datasource uid a dashboard may name directly (besides its variable)
     */
    public DashboardValidator(KnownMetrics known, String datasourceUid) {
        this.known = known;
        this.datasourceUid = datasourceUid;
    }

    /** Parses the text and checks the dashboard; a JSON syntax error is the one problem, with its line and column. */
    public List<String> validate(String text, Set<String> knownUids) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return List.of("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        return validate(json, knownUids);
    }

    /**
     * Checks a parsed dashboard.
     *
     * @param knownUids uids that {@code /d/UID} links may point at, or null not to check links
     */
    public List<String> validate(JsonNode dashboard, Set<String> knownUids) {
        List<String> problems = new ArrayList<>();
        if (dashboard == null || !dashboard.isObject()) {
            return List.of("not a dashboard: the JSON is not an object");
        }
        String uid = dashboard.path("uid").asText("");
        if (!UID.matcher(uid).matches()) {
            problems.add("uid '" + uid + "' is not 1 to 40 letters, digits, '-' or '_'");
        }
        if (dashboard.path("title").asText("").isBlank()) {
            problems.add("no title");
        }
        if (!dashboard.path("schemaVersion").isInt()) {
            problems.add("no schemaVersion");
        }
        Set<String> datasourceVariables = new HashSet<>();
        Set<String> variables = new HashSet<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            variables.add(v.path("name").asText());
            if ("datasource".equals(v.path("type").asText())) {
                datasourceVariables.add(v.path("name").asText());
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            String where = "variable $" + v.path("name").asText();
            datasource(v.path("datasource"), datasourceVariables, where, problems);
            if ("query".equals(v.path("type").asText())) {
                String q = v.path("query").isObject() ? v.path("query").path("query").asText("") : v.path("query").asText("");
                variableQuery(q.isEmpty() ? v.path("definition").asText("") : q, where, problems);
            }
        }
        for (JsonNode a : dashboard.path("annotations").path("list")) {
            String where = "annotation \"" + a.path("name").asText() + "\"";
            datasource(a.path("datasource"), datasourceVariables, where, problems);
            if (a.hasNonNull("expr")) {
                expression(a.path("expr").asText(), where, problems);
            }
        }
        JsonNode panels = dashboard.path("panels");
        if (!panels.isArray()) {
            problems.add("no panels array");
            return problems;
        }
        Set<Integer> ids = new HashSet<>();
        checkPanels(panels, ids, datasourceVariables, knownUids, problems);
        for (JsonNode p : panels) {
            if ("row".equals(p.path("type").asText()) && p.path("panels").size() > 0) {
                checkPanels(p.path("panels"), ids, datasourceVariables, knownUids, problems);
            }
        }
        return problems;
    }

    private void checkPanels(JsonNode panels, Set<Integer> ids, Set<String> dsVars, Set<String> knownUids,
                             List<String> problems) {
        List<JsonNode> placed = new ArrayList<>();
        for (JsonNode p : panels) {
            String where = name(p);
            if (!p.path("id").canConvertToInt() || !p.path("id").isIntegralNumber()) {
                problems.add(where + ": no integer id");
            } else if (!ids.add(p.path("id").asInt())) {
                problems.add(where + ": duplicate panel id " + p.path("id").asInt());
            }
            String type = p.path("type").asText("");
            if (!CORE_PANELS.contains(type)) {
                problems.add(where + ": panel type '" + type + "' is not a core panel (" + String.join(", ",
                        CORE_PANELS.stream().sorted().toList()) + ")");
            }
            JsonNode g = p.path("gridPos");
            if (!(g.path("x").isInt() && g.path("y").isInt() && g.path("w").isInt() && g.path("h").isInt())) {
                problems.add(where + ": gridPos needs integer x, y, w and h");
            } else {
                int x = g.path("x").asInt();
                int w = g.path("w").asInt();
                if (x < 0 || w < 1 || x + w > 24 || g.path("y").asInt() < 0 || g.path("h").asInt() < 1) {
                    problems.add(where + ": gridPos " + g + " is outside the 24-column grid");
                }
                for (JsonNode other : placed) {
                    if (overlap(g, other.path("gridPos"))) {
                        problems.add(where + ": gridPos " + g + " overlaps " + name(other) + " " + other.path("gridPos"));
                    }
                }
                placed.add(p);
            }
            if (type.equals("row") || type.equals("text")) {
                continue;
            }
            datasource(p.path("datasource"), dsVars, where, problems);
            JsonNode targets = p.path("targets");
            if (targets.size() == 0) {
                problems.add(where + ": no queries");
            }
            for (JsonNode t : targets) {
                String target = where + ", query " + t.path("refId").asText("?");
                datasource(t.path("datasource"), dsVars, target, problems);
                if (t.path("expr").asText("").isBlank()) {
                    problems.add(target + ": empty expr");
                } else {
                    expression(t.path("expr").asText(), target, problems);
                }
            }
            for (JsonNode link : p.path("links")) {
                Matcher m = LINK_UID.matcher(link.path("url").asText(""));
                if (knownUids != null && m.find() && !knownUids.contains(m.group(1))) {
                    problems.add(where + ": link to /d/" + m.group(1) + ", which is not one of the dashboards");
                }
            }
        }
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        int ax = a.path("x").asInt();
        int ay = a.path("y").asInt();
        int bx = b.path("x").asInt();
        int by = b.path("y").asInt();
        return ax < bx + b.path("w").asInt() && bx < ax + a.path("w").asInt()
                && ay < by + b.path("h").asInt() && by < ay + a.path("h").asInt();
    }

    private static String name(JsonNode panel) {
        return "panel " + panel.path("id").asText("?") + " \"" + panel.path("title").asText("") + "\"";
    }

    private void datasource(JsonNode ref, Set<String> dsVars, String where, List<String> problems) {
        if (ref.isMissingNode() || ref.isNull()) {
            return; // the dashboard's default datasource
        }
        String uid = ref.isTextual() ? ref.asText() : ref.path("uid").asText("");
        String type = ref.path("type").asText("");
        if (type.equals("grafana") || type.equals("datasource") || GRAFANA_DATASOURCES.contains(uid)) {
            return;
        }
        Matcher m = VARIABLE_REF.matcher(uid);
        if (m.matches()) {
            String var = m.group(1) != null ? m.group(1) : m.group(2);
            if (!dsVars.contains(var)) {
                problems.add(where + ": datasource " + uid + " names no datasource variable of this dashboard");
            }
        } else if (!uid.equals(datasourceUid)) {
            problems.add(where + ": datasource uid '" + uid + "' is neither the datasource variable nor the "
                    + "configured datasource '" + datasourceUid + "'");
        }
    }

    private void variableQuery(String query, String where, List<String> problems) {
        Matcher lv = LABEL_VALUES.matcher(query);
        Matcher qr = QUERY_RESULT.matcher(query);
        if (lv.matches()) {
            expression(lv.group(1), where, problems);
        } else if (qr.matches()) {
            expression(qr.group(1), where, problems);
        }
    }

    private void expression(String expr, String where, List<String> problems) {
        List<String> names;
        try {
            names = Promql.metricNames(Promql.withIntervals(expr, 60));
        } catch (Promql.SyntaxError e) {
            problems.add(where + ": PromQL does not parse: " + e.getMessage() + " in: " + expr);
            return;
        }
        for (String n : names) {
            if (!known.knows(n)) {
                problems.add(where + ": unknown metric " + n + " (neither exported by p21mon, recorded by its library, "
                        + "made by Prometheus, defined by a recording rule, nor named in slos:)");
            }
        }
    }
}
