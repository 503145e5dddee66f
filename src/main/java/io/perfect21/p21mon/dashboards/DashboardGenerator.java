package io.perfect21.p21mon.dashboards;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.config.SloConfig;
import io.perfect21.p21mon.metrics.MetricNames;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders Grafana dashboards from the templates and checks each one: the seed's six built-in ones plus any
 * {@code NAME.json.ftl} in the user's templates directory. A dashboard that fails to render, is not JSON, or fails
 * {@link DashboardValidator} comes back with its problems and no JSON; the others are unaffected. Also the API
 * {@code stack config} provisions Grafana with:
 *
 * <pre>{@code
 * List<Dashboard> all = DashboardGenerator.forConfig(config, workDir, Set.of()).generate(config, List.of(), null);
 * }</pre>
 */
public final class DashboardGenerator {
    /** The seed's dashboards, in the order they are listed and linked. */
    public static final List<String> BUILT_IN = List.of("overview", "agents", "quality", "infrastructure", "sla", "business");
    /**
     * The dashboard JSON schemaVersion written: 39, the model of Grafana 10.4 and 11.x, which Grafana 10.x to 12.x
     * load (newer versions migrate it forward when they open it).
     */
    public static final int SCHEMA_VERSION = 39;
    /** A dashboard template's file name is {@code NAME + TEMPLATE_SUFFIX}. */
    public static final String TEMPLATE_SUFFIX = ".json.ftl";

    private static final Map<String, String> TITLES = Map.of("overview", "Overview", "agents", "Agents",
            "quality", "Quality", "infrastructure", "Infrastructure", "sla", "SLA", "business", "Business");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,32}");

    private final TemplateEngine engine;
    private final KnownMetrics known;

    /** A generator over an engine, checking metric names against {@code known}. */
    public DashboardGenerator(TemplateEngine engine, KnownMetrics known) {
        this.engine = engine;
        this.known = known;
    }

    /**
     * The generator a configuration asks for: the built-in templates overlaid by {@code dashboards.templates_dir}
     * (relative to {@code baseDir}), metric names from the golden list, these recording rules and the config's SLOs.
     */
    public static DashboardGenerator forConfig(P21monConfig config, Path baseDir, Set<String> recordingRules) {
        String dir = config.dashboards().templatesDir();
        TemplateEngine engine = new TemplateEngine("dashboards", dir == null ? null : baseDir.resolve(dir));
        List<String> declared = new ArrayList<>();
        for (SloConfig s : slos(config)) {
            declared.add(s.errors());
            declared.add(s.total());
        }
        return new DashboardGenerator(engine, KnownMetrics.of(MetricNames.all(), recordingRules, declared));
    }

    /**
     * The outcome for one dashboard: the dashboard and what the validator warns of (a deprecated panel type in a
     * template of one's own), or the problems that kept it from being one.
     */
    public record Result(String name, Dashboard dashboard, List<String> problems, List<String> warnings) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        static Result failed(String name, List<String> problems) {
            return new Result(name, null, problems, List.of());
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Every dashboard name: the built-in ones, then the user's own templates. */
    public List<String> names() {
        Set<String> names = new LinkedHashSet<>(BUILT_IN);
        for (String file : engine.userTemplates(TEMPLATE_SUFFIX)) {
            names.add(file.substring(0, file.length() - TEMPLATE_SUFFIX.length()));
        }
        return List.copyOf(names);
    }

    /** The validator this generator checks with, for {@code dashboards validate}. */
    public DashboardValidator validator(String datasourceUid) {
        return new DashboardValidator(known, datasourceUid);
    }

    /** The uids of every dashboard this generator knows, for checking drill-down links. */
    public Set<String> uids() {
        Set<String> uids = new LinkedHashSet<>();
        names().forEach(n -> uids.add(uid(n)));
        return uids;
    }

    /**
     * Every dashboard (or those named in {@code only}), all valid.
     *
     * @param datasourceUid the Prometheus datasource uid the datasource variable defaults to; null: the config's
     * @throws P21monException (failed) listing every problem when any dashboard is broken
     */
    public List<Dashboard> generate(P21monConfig config, Collection<String> only, String datasourceUid) {
        List<Result> results = render(config, only, datasourceUid);
        List<String> problems = new ArrayList<>();
        for (Result r : results) {
            r.problems().forEach(p -> problems.add(r.name() + ": " + p));
        }
        if (!problems.isEmpty()) {
            throw P21monException.failed("invalid dashboards:\n  " + String.join("\n  ", problems));
        }
        return results.stream().map(Result::dashboard).toList();
    }

    /** Renders and checks each dashboard (or those named in {@code only}); a broken one does not stop the others. */
    public List<Result> render(P21monConfig config, Collection<String> only, String datasourceUid) {
        List<String> all = names();
        List<String> wanted = new ArrayList<>();
        if (only == null || only.isEmpty()) {
            wanted.addAll(all);
        } else {
            for (String n : only) {
                if (!all.contains(n)) {
                    throw P21monException.usage("--only: no dashboard '" + n + "'; dashboards: " + String.join(", ", all));
                }
                if (!wanted.contains(n)) {
                    wanted.add(n);
                }
            }
        }
        String ds = datasourceUid != null ? datasourceUid : config.dashboards().datasourceUid();
        Map<String, Object> model = model(config, all, ds);
        DashboardValidator validator = validator(ds);
        Set<String> uids = uids();
        List<Result> results = new ArrayList<>();
        for (String name : wanted) {
            results.add(one(name, model, validator, uids));
        }
        return results;
    }

    private Result one(String name, Map<String, Object> model, DashboardValidator validator, Set<String> uids) {
        if (!NAME.matcher(name).matches()) {
            return Result.failed(name, List.of("template " + engine.describe(name + TEMPLATE_SUFFIX)
                    + ": a dashboard name is lower-case letters, digits, '-' and '_' (at most 33)"));
        }
        String template = name + TEMPLATE_SUFFIX;
        String text;
        try {
            text = engine.render(template, model);
        } catch (P21monException e) {
            return Result.failed(name, List.of(e.getMessage()));
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return Result.failed(name, List.of("template " + engine.describe(template) + " wrote invalid JSON"
                    + (at == null ? "" : " (output line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + e.getOriginalMessage()));
        }
        DashboardValidator.Findings found = validator.check(json, uids);
        if (!found.problems().isEmpty()) {
            return Result.failed(name, found.problems());
        }
        return new Result(name, new Dashboard(name, json.path("uid").asText(), name + ".json", json), List.of(),
                found.warnings());
    }

    /** The stable uid of a dashboard: {@code p21mon-NAME}. */
    public static String uid(String name) {
        return "p21mon-" + name;
    }

    /** The SLOs the SLA dashboard shows: the configured ones, or the default API availability. */
    public static List<SloConfig> slos(P21monConfig config) {
        return config.effectiveSlos();
    }

    private static Map<String, Object> model(P21monConfig config, List<String> names, String datasourceUid) {
        Map<String, Object> dashboards = new LinkedHashMap<>();
        for (String n : names) {
            dashboards.put(n, Map.of("uid", uid(n), "title", "p21mon / " + TITLES.getOrDefault(n, n)));
        }
        List<Map<String, Object>> slos = new ArrayList<>();
        for (SloConfig s : slos(config)) {
            BigDecimal objective = BigDecimal.valueOf(s.objective()).stripTrailingZeros();
            BigDecimal target = objective.movePointLeft(2);
            Map<String, Object> ratio = new LinkedHashMap<>();
            String window = Durations.format(s.window());
            ratio.put("window", errorRatio(s, window));
            for (String w : List.of("5m", "30m", "1h", "6h", "1d", "3d")) {
                ratio.put(w, errorRatio(s, w));
            }
            ratio.put("rate", errorRatio(s, "$__rate_interval"));
            Map<String, Object> slo = new LinkedHashMap<>();
            slo.put("name", s.name());
            slo.put("objective", objective.toPlainString());
            slo.put("target", target);
            slo.put("budget", BigDecimal.ONE.subtract(target));
            slo.put("window", window);
            slo.put("error_ratio", ratio);
            slos.add(slo);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("datasource_uid", datasourceUid);
        model.put("schema_version", SCHEMA_VERSION);
        model.put("dashboards", dashboards);
        model.put("slos", slos);
        return model;
    }

    private static String errorRatio(SloConfig s, String window) {
        return "(" + s.errors().replace("{{window}}", window) + ") / (" + s.total().replace("{{window}}", window) + ")";
    }
}
