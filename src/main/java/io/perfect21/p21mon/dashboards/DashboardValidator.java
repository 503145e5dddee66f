package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.metrics.Promql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    /** The panel types of Grafana 11's core (no Angular, no plugins), and rows. */
    public static final Set<String> CORE_PANELS = Set.of("alertlist", "annolist", "barchart", "bargauge", "candlestick",
            "canvas", "dashlist", "datagrid", "flamegraph", "gauge", "geomap", "gettingstarted", "heatmap", "histogram",
            "logs", "news", "nodeGraph", "piechart", "row", "stat", "state-timeline", "status-history", "table", "text",
            "timeseries", "traces", "trend", "welcome", "xychart");
    /** Deprecated panels Grafana migrates when it opens a dashboard, and what it migrates them to. */
    public static final Map<String, String> DEPRECATED_PANELS = Map.of("graph", "timeseries", "singlestat", "stat",
            "grafana-singlestat-panel", "stat", "table-old", "table", "grafana-piechart-panel", "piechart",
            "grafana-worldmap-panel", "geomap");
    /** Panels that show no query results (their targets, if any, are not checked). */
    private static final Set<String> QUERYLESS_PANELS = Set.of("row", "text", "news", "dashlist", "alertlist",
            "annolist", "welcome", "gettingstarted");

    /** What a check found: problems make a dashboard invalid, warnings do not. */
    public record Findings(List<String> problems, List<String> warnings) {
        public Findings {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    private static final Pattern VARIABLE_REF = Pattern.compile("^\\$\\{?([A-Za-z0-9_]+)}?$|^\\[\\[([A-Za-z0-9_]+)]]$");
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern LINK_UID = Pattern.compile("^/d/([^/?#]+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    /** The uids of the datasources {@code stack config} provisions besides Prometheus, with their types. */
    private static final Map<String, String> STACK_DATASOURCES = Map.of("loki", "loki", "jaeger", "jaeger",
            "alertmanager", "alertmanager");
    private static final Set<String> GRAFANA_DATASOURCES = Set.of("-- Grafana --", "grafana", "-- Mixed --",
            "-- Dashboard --");

    private final KnownMetrics known;
    private final String datasourceUid;
    private final Set<String> serverMetrics;
    private final String serverUrl;

    /**
     * @param known         the metric names dashboards may query
     * @param datasourceUid the Prometheus datasource uid a dashboard may name directly (besides its variable)
     */
    public DashboardValidator(KnownMetrics known, String datasourceUid) {
        this(known, datasourceUid, null, null);
    }

    private DashboardValidator(KnownMetrics known, String datasourceUid, Set<String> serverMetrics, String serverUrl) {
        this.known = known;
        this.datasourceUid = datasourceUid;
        this.serverMetrics = serverMetrics == null ? null : Set.copyOf(serverMetrics);
        this.serverUrl = serverUrl;
    }

    /**
     * This validator checking metric names against a real Prometheus as well: a name that neither p21mon nor the
     * server knows is a problem on every dashboard.
     */
    public DashboardValidator withServerMetrics(Set<String> names, String url) {
        return new DashboardValidator(known, datasourceUid, names, url);
    }

    /**
     * The dashboard out of the shapes Grafana writes: the raw model, the API's {@code {"dashboard": …, "meta": …}}
     * (also an import body with {@code overwrite}/{@code folderUid}), and the export's model with {@code __inputs}.
     */
    public static JsonNode unwrap(JsonNode json) {
        if (json != null && json.path("dashboard").isObject() && !json.has("panels")) {
            return json.path("dashboard");
        }
        return json;
    }

    /** Whether p21mon made this dashboard (its uid {@code p21mon-…} or its tag {@code p21mon}). */
    static boolean own(JsonNode dashboard) {
        if (dashboard.path("uid").asText("").startsWith("p21mon-")) {
            return true;
        }
        for (JsonNode t : dashboard.path("tags")) {
            if (t.asText().equals("p21mon")) {
                return true;
            }
        }
        return false;
    }

    /** Parses the text and checks the dashboard; a JSON syntax error is the one problem, with its line and column. */
    public List<String> validate(String text, Set<String> knownUids) {
        return check(text, knownUids).problems();
    }

    /** Parses the text (any shape of {@link #unwrap}) and checks it; a JSON syntax error is the one problem. */
    public Findings check(String text, Set<String> knownUids) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Findings(List.of("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage()), List.of());
        }
        return check(json, knownUids);
    }

    /**
     * Checks a parsed dashboard, of any shape {@link #unwrap} takes.
     *
     * @param knownUids uids that {@code /d/UID} links may point at, or null not to check links
     */
    public Findings check(JsonNode json, Set<String> knownUids) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new Run(unwrap(json), problems, warnings).check(knownUids);
        return new Findings(problems, warnings);
    }

    /** One check of one dashboard: what it defines (variables, datasource types) and what was found. */
    private final class Run {
        private final JsonNode dashboard;
        private final List<String> problems;
        private final List<String> warnings;
        private final boolean own;
        private final GrafanaVariables variables;
        /** datasource variable or export input name → plugin type ("prometheus", "loki", …) */
        private final Map<String, String> dsVars = new HashMap<>();

        Run(JsonNode dashboard, List<String> problems, List<String> warnings) {
            this.dashboard = dashboard;
            this.problems = problems;
            this.warnings = warnings;
            this.own = dashboard != null && dashboard.isObject() && own(dashboard);
            this.variables = dashboard != null && dashboard.isObject() ? GrafanaVariables.of(dashboard) : null;
        }

        /** A problem on p21mon's own dashboards, a warning on a foreign one. */
        private void strict(String message) {
            (own ? problems : warnings).add(message);
        }

        void check(Set<String> knownUids) {
            if (dashboard == null || !dashboard.isObject()) {
                problems.add("not a dashboard: the JSON is not an object");
                return;
            }
            String uid = dashboard.path("uid").asText("");
            if (!UID.matcher(uid).matches() && (own || !uid.isEmpty())) {
                problems.add("uid '" + uid + "' is not 1 to 40 letters, digits, '-' or '_'");
            }
            if (dashboard.path("title").asText("").isBlank()) {
                problems.add("no title");
            }
            if (!dashboard.path("schemaVersion").isInt()) {
                strict("no schemaVersion");
            }
            for (JsonNode in : dashboard.path("__inputs")) {
                if ("datasource".equals(in.path("type").asText())) {
                    dsVars.put(in.path("name").asText(), in.path("pluginId").asText(""));
                }
            }
            for (JsonNode v : dashboard.path("templating").path("list")) {
                if ("datasource".equals(v.path("type").asText())) {
                    dsVars.put(v.path("name").asText(), v.path("query").asText(""));
                }
            }
            for (JsonNode v : dashboard.path("templating").path("list")) {
                String where = "variable $" + v.path("name").asText();
                String type = datasource(v.path("datasource"), where);
                if ("query".equals(v.path("type").asText()) && "prometheus".equals(type)) {
                    String q = v.path("query").isObject() ? v.path("query").path("query").asText("") : v.path("query").asText("");
                    variableQuery(q.isEmpty() ? v.path("definition").asText("") : q, where);
                }
            }
            for (JsonNode a : dashboard.path("annotations").path("list")) {
                String where = "annotation \"" + a.path("name").asText() + "\"";
                String type = datasource(a.path("datasource"), where);
                if (a.hasNonNull("expr")) {
                    query(type, a.path("expr").asText(), where);
                }
            }
            JsonNode panels = dashboard.path("panels");
            if (!panels.isArray()) {
                problems.add(dashboard.path("rows").isArray() ? "the old rows layout (schemaVersion below 16): open and "
                        + "save it in Grafana first" : "no panels array");
                return;
            }
            Set<Integer> ids = new HashSet<>();
            checkPanels(panels, ids, knownUids);
            for (JsonNode p : panels) {
                if ("row".equals(p.path("type").asText()) && p.path("panels").size() > 0) {
                    checkPanels(p.path("panels"), ids, knownUids);
                }
            }
        }

        private void checkPanels(JsonNode panels, Set<Integer> ids, Set<String> knownUids) {
            List<JsonNode> placed = new ArrayList<>();
            for (JsonNode p : panels) {
                String where = name(p);
                if (!p.path("id").canConvertToInt() || !p.path("id").isIntegralNumber()) {
                    problems.add(where + ": no integer id");
                } else if (!ids.add(p.path("id").asInt())) {
                    problems.add(where + ": duplicate panel id " + p.path("id").asInt());
                }
                boolean library = p.path("libraryPanel").isObject();
                String type = p.path("type").asText("");
                if (DEPRECATED_PANELS.containsKey(type)) {
                    warnings.add(where + ": panel type '" + type + "' is deprecated; Grafana migrates it to '"
                            + DEPRECATED_PANELS.get(type) + "' (p21mon dashboards migrate FILE does the same)");
                } else if (!CORE_PANELS.contains(type) && !(library && type.isEmpty())) {
                    strict(where + ": panel type '" + type + "' is not a core panel of Grafana 11 (a plugin, or a typo)");
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
                if (QUERYLESS_PANELS.contains(type) || library) {
                    continue;
                }
                String panelType = datasource(p.path("datasource"), where);
                JsonNode targets = p.path("targets");
                if (targets.size() == 0) {
                    strict(where + ": no queries");
                }
                for (JsonNode t : targets) {
                    String target = where + ", query " + t.path("refId").asText("?");
                    String targetType = t.has("datasource") && !t.path("datasource").isNull()
                            ? datasource(t.path("datasource"), target) : panelType;
                    if (t.path("hide").asBoolean(false) && t.path("expr").asText("").isBlank()) {
                        continue;
                    }
                    if (("prometheus".equals(targetType) || "loki".equals(targetType))
                            && t.path("expr").asText("").isBlank()) {
                        problems.add(target + ": empty expr");
                    } else if (t.hasNonNull("expr")) {
                        query(targetType, t.path("expr").asText(), target);
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

        /**
         * Checks a datasource reference and returns the plugin type it names ({@code prometheus}, {@code loki},
         * {@code jaeger}, …): the dashboard's default (none given) is taken for Prometheus.
         */
        private String datasource(JsonNode ref, String where) {
            if (ref.isMissingNode() || ref.isNull()) {
                return "prometheus"; // the dashboard's default datasource: the stack's default is Prometheus
            }
            String uid = ref.isTextual() ? ref.asText() : ref.path("uid").asText("");
            String type = ref.path("type").asText("");
            if (type.equals("grafana") || type.equals("datasource") || GRAFANA_DATASOURCES.contains(uid)) {
                return "grafana";
            }
            Matcher m = VARIABLE_REF.matcher(uid);
            if (m.matches()) {
                String var = m.group(1) != null ? m.group(1) : m.group(2);
                if (!dsVars.containsKey(var)) {
                    problems.add(where + ": datasource " + uid + " names no datasource variable of this dashboard");
                    return type;
                }
                return type.isEmpty() ? dsVars.get(var) : type;
            }
            if (uid.equals(datasourceUid)) {
                return type.isEmpty() ? "prometheus" : type;
            }
            String known = STACK_DATASOURCES.get(uid);
            if (known == null && !ref.isTextual() && ref.path("uid").isMissingNode() && !type.isEmpty()) {
                return type; // {"type": "loki"}: the default datasource of that type
            }
            if (own || (known == null && type.isEmpty())) {
                problems.add(where + ": datasource uid '" + uid + "' is neither the datasource variable nor the "
                        + "configured datasource '" + datasourceUid + "'" + (type.isEmpty() ? "" : " (" + type + ")"));
            } else if (known == null) {
                warnings.add(where + ": datasource uid '" + uid + "' (" + type + ") is not one p21mon's stack "
                        + "provisions; the Grafana you import this into must have it");
            }
            return type.isEmpty() ? known : type;
        }

        private void variableQuery(String query, String where) {
            Matcher lv = LABEL_VALUES.matcher(query);
            Matcher qr = QUERY_RESULT.matcher(query);
            if (lv.matches()) {
                query("prometheus", lv.group(1), where);
            } else if (qr.matches()) {
                query("prometheus", qr.group(1), where);
            }
        }

        /** Checks a query in its datasource's language: PromQL, LogQL, or none (traces, Grafana's own, others). */
        private void query(String type, String expr, String where) {
            String sent = variables.interpolate(expr);
            if ("loki".equals(type)) {
                try {
                    Logql.check(sent);
                } catch (Logql.SyntaxError e) {
                    problems.add(where + ": LogQL does not parse: " + e.getMessage() + " in: " + expr);
                }
                return;
            }
            if (!"prometheus".equals(type)) {
                return;
            }
            List<String> names;
            try {
                names = Promql.metricNames(sent);
            } catch (Promql.SyntaxError e) {
                problems.add(where + ": PromQL does not parse: " + e.getMessage() + " in: " + expr);
                return;
            }
            for (String n : names) {
                if (known.knows(n)) {
                    continue;
                }
                if (serverMetrics != null) {
                    if (!serverMetrics.contains(n)) {
                        problems.add(where + ": unknown metric " + n + " (Prometheus at " + serverUrl
                                + " has no series of that name, nor does p21mon export it)");
                    }
                } else {
                    strict(where + ": unknown metric " + n + " (neither exported by p21mon, recorded by its library, "
                            + "made by Prometheus, defined by a recording rule, nor named in slos:"
                            + (own ? "" : "; --prometheus URL checks it against your server") + ")");
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
}
