package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;
import io.perfect21.p21mon.config.Durations;
import io.perfect21.p21mon.config.P21monConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stack config}: renders every file of the stack into its directory. A re-run replaces only files whose content
 * is still what p21mon wrote (their SHA-256 is in the manifest); a file the user edited, or one p21mon did not write, is
 * kept and reported, unless {@code force}. Grafana's admin password is generated once into a 0600 {@code .env} and kept.
 *
 * <pre>{@code
 * StackConfigReport r = new StackWriter(new StackTemplates(null), new GeneratedStackParts(workDir), "0.1.0")
 *         .write(config, Path.of("monitoring"), List.of("logs"), List.of(), false);
 * }</pre>
 */
public final class StackWriter {
    /** The label that routes {@code stack verify}'s test alert to its own receiver. */
    public static final String VERIFY_LABEL = "p21mon_verify";
    /** The receiver of the test alert: a webhook to {@code stack verify}'s listener. */
    public static final String VERIFY_RECEIVER = "p21mon-verify";
    /** The path {@code stack verify} listens on for the test alert. */
    public static final String VERIFY_PATH = "/p21mon-verify";
    static final String PASSWORD_KEY = "GRAFANA_ADMIN_PASSWORD";
    private static final Pattern PASSWORD_LINE = Pattern.compile("(?m)^" + PASSWORD_KEY + "=(\\S+)\\s*$");

    private final StackTemplates templates;
    private final StackParts parts;
    private final String version;

    public StackWriter(StackTemplates templates, StackParts parts, String version) {
        this.templates = templates;
        this.parts = parts;
        this.version = version;
    }

    /**
     * Writes the stack for these profiles and extra targets (each {@code host:port}) into {@code dir}.
     *
     * @param force replace files the user edited too
     */
    public StackConfigReport write(P21monConfig config, Path dir, List<String> with, List<String> targets, boolean force) {
        StackLayout layout = new StackLayout(dir);
        StackManifest old = StackManifest.read(layout);
        Map<String, String> oldHashes = old == null ? Map.of() : old.files();
        Map<String, String> newHashes = new LinkedHashMap<>();
        List<StackConfigReport.FileAction> actions = new ArrayList<>();
        for (Map.Entry<String, String> f : render(config, layout, with, targets).entrySet()) {
            actions.add(place(layout.dir().resolve(f.getKey()), f.getKey(), f.getValue(), oldHashes, newHashes, force));
        }
        try {
            Files.createDirectories(layout.dashboardsDir());
            Files.createDirectories(layout.targetsDir());
        } catch (IOException e) {
            throw P21monException.failed("cannot create " + layout.dashboardsDir() + ": " + IoErrors.describe(layout.dashboardsDir(), e), e);
        }
        actions.add(writeEnv(layout));
        new StackManifest(StackLayout.FORMAT, version, with, newHashes).write(layout);
        return new StackConfigReport(layout.dir().toString(), with, actions);
    }

    /** Every generated file by path relative to the stack dir, in a stable order. */
    Map<String, String> render(P21monConfig config, StackLayout layout, List<String> with, List<String> targets) {
        Map<String, String> files = new LinkedHashMap<>();
        boolean logs = with.contains("logs");
        Map<String, Object> docker = model(config, layout, with, false);
        Map<String, Object> nat = model(config, layout, with, true);
        files.put("docker-compose.monitoring.yml", templates.render("docker-compose.monitoring.yml.ftl", docker));
        files.put("prometheus.yml", templates.render("prometheus.yml.ftl", docker));
        files.put("native/prometheus.yml", templates.render("prometheus.yml.ftl", nat));
        String am = parts.alertmanagerYaml(config);
        files.put("alertmanager.yml", withVerifyReceiver(am, "http://host.docker.internal:" + config.stack().verifyPort()));
        files.put("native/alertmanager.yml", withVerifyReceiver(am, "http://127.0.0.1:" + config.stack().verifyPort()));
        parts.ruleFiles(config).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> files.put("rules/" + safeName(e.getKey()), e.getValue()));
        if (with.contains("blackbox")) {
            files.put("rules/p21mon-blackbox.yml", templates.render("blackbox-rules.yml.ftl", docker));
        }
        files.put("targets/p21mon-targets.json", fileSd(targets));
        for (String side : List.of("", "native/")) {
            Map<String, Object> m = side.isEmpty() ? docker : nat;
            files.put(side + "grafana/provisioning/datasources/p21mon.yml", templates.render("grafana-datasources.yml.ftl", m));
            files.put(side + "grafana/provisioning/dashboards/p21mon.yml", templates.render("grafana-dashboards.yml.ftl", m));
            if (logs) {
                files.put(side + "loki.yml", templates.render("loki.yml.ftl", m));
            }
            if (with.contains("blackbox")) {
                files.put(side + "blackbox.yml", templates.render("blackbox.yml.ftl", m));
            }
        }
        if (with.contains("traces")) {
            // the native runtime starts a Jaeger v2 ('jaeger', 2.x) with this file; Jaeger v1 gets flags
            files.put("native/jaeger-v2.yml", templates.render("jaeger-v2.yml.ftl", nat));
        }
        parts.dashboards(config).forEach(d -> files.put("grafana/dashboards/" + safeName(d.name()), d.text()));
        if (with.contains("blackbox")) {
            // probe_success, probe_duration_seconds and certificate expiry of each probed http check
            files.put("grafana/dashboards/blackbox.json", templates.render("blackbox-dashboard.json.ftl", docker).strip() + "\n");
        }
        return files;
    }

    private Map<String, Object> model(P21monConfig config, StackLayout layout, List<String> with, boolean nativeSide) {
        Map<String, Integer> ports = config.stack().ports();
        Map<String, Object> m = new HashMap<>();
        m.put("header", "generated by p21mon " + version + " 'stack config'; edits are kept: a re-run leaves a file "
                + "you changed alone (delete it, or --force, to regenerate)");
        m.put("native", nativeSide);
        m.put("with_logs", with.contains("logs"));
        m.put("with_traces", with.contains("traces"));
        m.put("ports", ports);
        Map<String, String> addr = new HashMap<>();
        Map<String, String> inContainer = Map.of("prometheus", "prometheus:9090", "alertmanager", "alertmanager:9093",
                "pushgateway", "pushgateway:9091", "node_exporter", "node-exporter:9100", "grafana", "grafana:3000",
                "jaeger", "jaeger:16686", "loki", "loki:3100", "otlp_grpc", "jaeger:4317", "otlp_http", "jaeger:4318",
                "blackbox", "blackbox:9115");
        for (String service : ports.keySet()) {
            addr.put(service, nativeSide ? "127.0.0.1:" + ports.get(service)
                    : service.equals("p21mon") ? "host.docker.internal:" + ports.get(service)
                    : inContainer.getOrDefault(service, service + ":" + ports.get(service)));
        }
        m.put("with_blackbox", with.contains("blackbox"));
        // the http checks of health.checks, probed by blackbox_exporter
        m.put("probe_urls", config.health().checks().stream().filter(c -> c.type().equals("http"))
                .map(c -> String.valueOf(c.options().get("url"))).filter(u -> !u.equals("null")).distinct().toList());
        m.put("with_cadvisor", with.contains("cadvisor"));
        m.put("addr", addr);
        m.put("scrape_interval", Durations.format(config.metrics().updateInterval()));
        m.put("evaluation_interval", Durations.format(config.alerting().evaluationInterval()));
        m.put("retention", Durations.format(config.metrics().retentionPeriod()));
        m.put("retention_hours", Math.max(1, config.metrics().retentionPeriod().toHours()));
        m.put("datasource_uid", config.dashboards().datasourceUid());
        m.put("rules_dir", nativeSide ? layout.rulesDir().toString() : "/etc/prometheus/rules");
        m.put("targets_dir", nativeSide ? layout.targetsDir().toString() : "/etc/prometheus/targets");
        m.put("dashboards_dir", nativeSide ? layout.dashboardsDir().toString() : "/var/lib/grafana/dashboards");
        m.put("loki_dir", nativeSide ? layout.dataDir("loki").toString() : "/loki");
        m.put("loki_grpc_port", nativeSide ? ports.get("loki") + 1 : 9096);
        return m;
    }

    /** The Alertmanager configuration with a first route sending {@code p21mon_verify="true"} alerts to the verify webhook. */
    static String withVerifyReceiver(String alertmanagerYaml, String verifyBase) {
        JsonNode root;
        try {
            root = Json.yaml().readTree(alertmanagerYaml);
        } catch (IOException e) {
            throw P21monException.failed("the Alertmanager configuration to write is not YAML: " + IoErrors.describe(e), e);
        }
        if (!(root instanceof ObjectNode doc) || !(doc.get("route") instanceof ObjectNode route)) {
            throw P21monException.failed("the Alertmanager configuration to write has no route");
        }
        ObjectNode verifyRoute = Json.mapper().createObjectNode();
        verifyRoute.put("receiver", VERIFY_RECEIVER);
        verifyRoute.putArray("matchers").add(VERIFY_LABEL + "=\"true\"");
        verifyRoute.putArray("group_by").add("alertname").add("verify_id");
        verifyRoute.put("group_wait", "0s");
        verifyRoute.put("group_interval", "1s");
        verifyRoute.put("repeat_interval", "1h");
        verifyRoute.put("continue", false);
        ArrayNode routes = route.has("routes") && route.get("routes").isArray() ? (ArrayNode) route.get("routes")
                : Json.mapper().createArrayNode();
        ArrayNode newRoutes = Json.mapper().createArrayNode().add(verifyRoute);
        routes.forEach(r -> {
            if (!VERIFY_RECEIVER.equals(r.path("receiver").asText())) {
                newRoutes.add(r);
            }
        });
        route.set("routes", newRoutes);
        ArrayNode receivers = doc.has("receivers") && doc.get("receivers").isArray() ? (ArrayNode) doc.get("receivers")
                : doc.putArray("receivers");
        for (int i = receivers.size() - 1; i >= 0; i--) {
            if (VERIFY_RECEIVER.equals(receivers.get(i).path("name").asText())) {
                receivers.remove(i);
            }
        }
        ObjectNode receiver = receivers.addObject();
        receiver.put("name", VERIFY_RECEIVER);
        ObjectNode hook = receiver.putArray("webhook_configs").addObject();
        hook.put("url", verifyBase + VERIFY_PATH);
        hook.put("send_resolved", false);
        try {
            return "# generated by p21mon 'stack config' from the alerts configuration, plus the p21mon-verify route\n"
                    + "# and receiver that 'p21mon stack verify' uses for its test alert\n"
                    + Json.yaml().writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileSd(List<String> targets) {
        ArrayNode groups = Json.mapper().createArrayNode();
        if (!targets.isEmpty()) {
            ObjectNode g = groups.addObject();
            ArrayNode t = g.putArray("targets");
            targets.forEach(t::add);
            g.putObject("labels").put("p21mon_source", "stack.targets");
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(groups) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safeName(String name) {
        String n = Path.of(name).getFileName().toString();
        if (n.startsWith(".") || n.isBlank()) {
            throw P21monException.failed("not a file name for the stack: '" + name + "'");
        }
        return n;
    }

    private static StackConfigReport.FileAction place(Path file, String rel, String text, Map<String, String> oldHashes,
                                                      Map<String, String> newHashes, boolean force) {
        String hash = StackManifest.sha256(text);
        if (Files.exists(file)) {
            String current;
            try {
                current = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw P21monException.failed("cannot read " + file + ": " + IoErrors.describe(file, e), e);
            }
            String currentHash = StackManifest.sha256(current);
            String written = oldHashes.get(rel);
            if (!force && !currentHash.equals(written)) {
                if (written != null) {
                    newHashes.put(rel, written);
                }
                if (currentHash.equals(hash)) {
                    newHashes.put(rel, hash);
                    return new StackConfigReport.FileAction(rel, "unchanged", null);
                }
                return new StackConfigReport.FileAction(rel, "kept", written != null
                        ? "edited since p21mon wrote it; delete it or use --force to regenerate"
                        : "not written by p21mon; delete it or use --force to replace it");
            }
            newHashes.put(rel, hash);
            if (currentHash.equals(hash)) {
                return new StackConfigReport.FileAction(rel, "unchanged", null);
            }
            writeFile(file, rel, text);
            return new StackConfigReport.FileAction(rel, "updated", null);
        }
        writeFile(file, rel, text);
        newHashes.put(rel, hash);
        return new StackConfigReport.FileAction(rel, "written", null);
    }

    /**
     * Alertmanager's configuration may hold inline secrets (a Slack webhook URL, an SMTP password): mode 0600, like
     * {@code .env}; every other file 0644.
     */
    private static void writeFile(Path file, String rel, String text) {
        boolean secret = rel.endsWith("alertmanager.yml");
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"), true);
    }

    /** The .env of docker compose: Grafana's admin password, generated once and kept; always mode 0600. */
    private static StackConfigReport.FileAction writeEnv(StackLayout layout) {
        Path env = layout.envFile();
        try {
            if (Files.exists(env)) {
                String text = Files.readString(env, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
                if (PASSWORD_LINE.matcher(text).find()) {
                    return new StackConfigReport.FileAction(".env", "kept", "Grafana admin password kept (mode 0600)");
                }
                String more = (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + PASSWORD_KEY + "=" + newPassword() + "\n";
                AtomicFiles.write(env, (text + more).getBytes(StandardCharsets.UTF_8),
                        PosixFilePermissions.fromString("rw-------"), true);
                return new StackConfigReport.FileAction(".env", "updated", "Grafana admin password generated");
            }
        } catch (IOException e) {
            throw P21monException.failed("cannot read " + env + ": " + IoErrors.describe(env, e), e);
        }
        String text = "# generated by p21mon 'stack config': read by docker compose and 'p21mon stack up/verify'. Keep it secret.\n"
                + PASSWORD_KEY + "=" + newPassword() + "\n"
                + "# address the compose stack publishes its ports on\n"
                + "P21MON_BIND=127.0.0.1\n";
        AtomicFiles.write(env, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-------"), true);
        return new StackConfigReport.FileAction(".env", "written", "Grafana admin password generated (mode 0600)");
    }

    /** Grafana's admin password from the stack's .env, or null when there is none. */
    public static String grafanaPassword(StackLayout layout) {
        try {
            if (!Files.exists(layout.envFile())) {
                return null;
            }
            Matcher m = PASSWORD_LINE.matcher(Files.readString(layout.envFile(), StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            throw P21monException.failed("cannot read " + layout.envFile() + ": " + IoErrors.describe(layout.envFile(), e), e);
        }
    }

    private static String newPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
