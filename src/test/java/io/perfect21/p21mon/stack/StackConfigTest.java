package io.perfect21.p21mon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stack config}: the files it writes, the password it keeps, the edits it leaves alone. */
class StackConfigTest {
    @TempDir
    Path dir;

    private Cli.Result run(String... args) {
        return Cli.in(dir).run(args);
    }

    private String read(String rel) throws Exception {
        return Files.readString(dir.resolve("monitoring").resolve(rel));
    }

    @Test
    void writesEveryFileOfTheStackWithPinnedImagesHealthChecksAndVolumes() throws Exception {
        Cli.Result r = run("stack", "config");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("docker-compose.monitoring.yml", "written", "stack written to");
        JsonNode json = Json.mapper().readTree(run("stack", "config", "-o", "json").out());
        assertThat(json.path("dir").asText()).isEqualTo(dir.resolve("monitoring").toString());
        assertThat(json.path("files").get(0).path("action").asText()).isEqualTo("unchanged");
        JsonNode compose = Json.yaml().readTree(read("docker-compose.monitoring.yml"));
        List<String> services = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        // the seed's stack by default: Loki and Jaeger are in it unless trimmed with --without logs,traces
        assertThat(services).containsExactly("prometheus", "alertmanager", "pushgateway", "node-exporter", "grafana", "loki", "jaeger");
        compose.path("services").forEach(s -> {
            assertThat(s.path("image").asText()).matches("[a-z/-]+:v?[0-9]+\\.[0-9]+\\.[0-9]+").doesNotContain("latest");
            assertThat(s.path("healthcheck").path("test").isArray()).isTrue();
        });
        assertThat(compose.path("volumes").has("prometheus-data")).isTrue();
        assertThat(compose.path("services").path("prometheus").path("volumes").toString()).contains("prometheus-data:/prometheus");
        assertThat(read("prometheus.yml")).contains("job_name: p21mon", "job_name: pushgateway", "job_name: node",
                "file_sd_configs", "rule_files");
        assertThat(read("docker-compose.monitoring.yml")).contains("--storage.tsdb.retention.time=30d");
        assertThat(read("native/prometheus.yml")).contains("127.0.0.1:8080", "127.0.0.1:9091", "127.0.0.1:9100",
                dir.resolve("monitoring/targets").toString());
        assertThat(read("native/alertmanager.yml")).contains("url: http://127.0.0.1:9097/p21mon-verify",
                "p21mon_verify=\"true\"");
        assertThat(read("alertmanager.yml")).contains("http://host.docker.internal:9097/p21mon-verify");
        for (String am : List.of("alertmanager.yml", "native/alertmanager.yml")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("monitoring").resolve(am))))
                    .as(am + " may hold secrets").isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("monitoring/prometheus.yml"))))
                .isEqualTo("rw-r--r--");
        // the rule files of 'alerts rules' and the dashboards of 'dashboards generate'
        try (var rules = Files.list(dir.resolve("monitoring/rules"))) {
            assertThat(rules.map(f -> f.getFileName().toString()).toList()).contains("p21mon-alerts.yml", "p21mon-recording.yml");
        }
        try (var dashboards = Files.list(dir.resolve("monitoring/grafana/dashboards"))) {
            assertThat(dashboards.map(f -> f.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("overview.json", "agents.json", "quality.json", "infrastructure.json", "sla.json", "business.json");
        }
        assertThat(Files.exists(dir.resolve("monitoring/loki.yml"))).isTrue();
        Cli.Result trimmed = run("stack", "config", "--without", "logs,traces", "--dir", "core");
        assertThat(trimmed.code()).as(trimmed.toString()).isZero();
        JsonNode core = Json.yaml().readTree(Files.readString(dir.resolve("core/docker-compose.monitoring.yml")));
        List<String> coreServices = new ArrayList<>();
        core.path("services").fieldNames().forEachRemaining(coreServices::add);
        assertThat(coreServices).containsExactly("prometheus", "alertmanager", "pushgateway", "node-exporter", "grafana");
        assertThat(Files.exists(dir.resolve("core/loki.yml"))).isFalse();
    }

    @Test
    void grafanaDatasourcesCarryTheUidTheDashboardsReference() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {datasource_uid: prom-main}\n");
        assertThat(run("stack", "config", "--with", "logs,traces").code()).isZero();
        JsonNode ds = Json.yaml().readTree(read("grafana/provisioning/datasources/p21mon.yml"));
        assertThat(ds.path("apiVersion").asInt()).isEqualTo(1);
        List<String> uids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        ds.path("datasources").forEach(d -> {
            uids.add(d.path("uid").asText());
            types.add(d.path("type").asText());
        });
        assertThat(uids).containsExactly("prom-main", "alertmanager", "loki", "jaeger");
        assertThat(types).containsExactly("prometheus", "alertmanager", "loki", "jaeger");
        assertThat(ds.path("datasources").get(0).path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode nat = Json.yaml().readTree(read("native/grafana/provisioning/datasources/p21mon.yml"));
        assertThat(nat.path("datasources").get(0).path("url").asText()).isEqualTo("http://127.0.0.1:9090");
        // the dashboards' datasource variable defaults to the provisioned Prometheus datasource
        JsonNode overview = Json.mapper().readTree(read("grafana/dashboards/overview.json"));
        List<String> defaults = new ArrayList<>();
        overview.path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("datasource")) {
                defaults.add(v.path("current").path("value").asText());
            }
        });
        assertThat(defaults).containsExactly("prom-main");
        JsonNode provider = Json.yaml().readTree(read("grafana/provisioning/dashboards/p21mon.yml"));
        assertThat(provider.path("providers").get(0).path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void profilesAddLokiAndJaegerWithOtlpPublished() throws Exception {
        assertThat(run("stack", "config", "--with", "logs,traces").code()).isZero();
        JsonNode compose = Json.yaml().readTree(read("docker-compose.monitoring.yml"));
        assertThat(compose.path("services").has("loki")).isTrue();
        assertThat(compose.path("services").path("jaeger").path("ports").toString()).contains(":4317:4317", ":4318:4318");
        assertThat(compose.path("services").path("jaeger").path("environment").path("BADGER_SPAN_STORE_TTL").asText()).isEqualTo("720h");
        assertThat(read("loki.yml")).contains("retention_period: 720h");
        assertThat(read("native/loki.yml")).contains("http_listen_port: 3100", "http_listen_address: 127.0.0.1");
        JsonNode loki = Json.yaml().readTree(read("native/loki.yml"));
        assertThat(loki.path("common").path("path_prefix").asText()).isEqualTo(dir.resolve("monitoring/.run/data/loki").toString());
        assertThat(loki.path("server").path("grpc_listen_port").asInt()).isEqualTo(3101);
        assertThat(loki.path("schema_config").path("configs").get(0).path("schema").asText()).isEqualTo("v13");
        assertThat(loki.path("compactor").path("retention_enabled").asBoolean()).isTrue();
        Cli.Result bad = run("stack", "config", "--with", "metrics");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'metrics' is not a profile; profiles: logs, traces, blackbox, cadvisor");
    }

    @Test
    void theGrafanaPasswordIsGeneratedInto0600EnvAndKeptOnReRun() throws Exception {
        assertThat(run("stack", "config").code()).isZero();
        Path env = dir.resolve("monitoring/.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        String password = password(Files.readString(env));
        assertThat(password).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo("admin");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result again = run("stack", "config");
        assertThat(again.code()).isZero();
        assertThat(password(Files.readString(env))).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        assertThat(again.out()).doesNotContain(password);
        Path other = dir.resolve("other");
        assertThat(run("stack", "config", "--dir", "other").code()).isZero();
        assertThat(password(Files.readString(other.resolve(".env")))).isNotEqualTo(password);
    }

    @Test
    void aFileTheUserEditedIsKeptAndReportedAndForceReplacesIt() throws Exception {
        assertThat(run("stack", "config").code()).isZero();
        Path prom = dir.resolve("monitoring/prometheus.yml");
        String edited = Files.readString(prom) + "  - job_name: mine\n    static_configs: [{targets: ['db:9187']}]\n";
        Files.writeString(prom, edited);
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics: {retention_period: 90d}\n");
        Cli.Result r = run("stack", "config");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("prometheus.yml\\s+kept\\s+edited since p21mon wrote it");
        assertThat(r.out()).containsPattern("docker-compose.monitoring.yml\\s+updated");
        assertThat(Files.readString(prom)).isEqualTo(edited);
        assertThat(read("docker-compose.monitoring.yml")).contains("retention.time=90d");
        // still recognised as edited on the next run
        assertThat(run("stack", "config").out()).containsPattern("prometheus.yml\\s+kept");
        Cli.Result forced = run("stack", "config", "--force");
        assertThat(forced.out()).containsPattern("prometheus.yml\\s+updated");
        assertThat(Files.readString(prom)).doesNotContain("job_name: mine");
    }

    @Test
    void aStackDirOfAnotherVersionIsAClearUsageError() throws Exception {
        assertThat(run("stack", "config").code()).isZero();
        Files.writeString(dir.resolve("monitoring/.p21mon-stack.json"), "{\"format\": 7, \"p21mon\": \"9.0.0\", \"files\": {}}");
        Cli.Result r = run("stack", "config");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("was written by p21mon 9.0.0 (stack format 7); this p21mon reads stack format 1");
        assertThat(run("stack", "up", "--runtime", "native").code()).isEqualTo(2);
        assertThat(run("stack", "status").code()).isEqualTo(2);
        // down works on pid files alone, so it still cleans up
        assertThat(run("stack", "down").code()).isZero();
    }

    @Test
    void verifyStatusAndDownOfAStackThatIsNotUp() {
        assertThat(run("stack", "config").code()).isZero();
        Cli.Result verify = run("stack", "verify");
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).containsPattern("stack up\\s+FAIL\\s+the stack in .* is not up; run 'p21mon stack up'");
        Cli.Result status = run("stack", "status", "-o", "json");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).contains("\"runtime\" : \"none\"", "\"ok\" : false");
        Cli.Result down = run("stack", "down");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(down.out()).contains("nothing was running");
    }

    @Test
    void upWithoutAStackIsAUsageErrorNamingTheCommandToRun() {
        Cli.Result r = run("stack", "up", "--runtime", "native");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("holds no p21mon stack; run 'p21mon stack config --dir");
        Cli.Result badTimeout = run("stack", "verify", "--timeout", "soon");
        assertThat(badTimeout.code()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("--timeout: 'soon' is not a duration");
        Cli.Result badRuntime = run("stack", "up", "--runtime", "podman");
        assertThat(badRuntime.code()).isEqualTo(2);
        assertThat(badRuntime.err()).contains("Invalid value for option '--runtime': 'podman' is not a runtime; runtimes: auto, docker, native");
    }

    @Test
    void targetsAndTargetsFileBecomeFileBasedServiceDiscovery() throws Exception {
        Files.writeString(dir.resolve("hosts"), "# fleet\nweb1.example.com\nweb2.example.com:9400  # other port\n\n");
        Files.writeString(dir.resolve("p21mon.yaml"), """
                stack:
                  targets: [db1:8080, 10.0.0.7]
                  targets_file: hosts
                """);
        assertThat(run("stack", "config").code()).isZero();
        JsonNode sd = Json.mapper().readTree(read("targets/p21mon-targets.json"));
        assertThat(sd.get(0).path("targets").toString())
                .isEqualTo("[\"db1:8080\",\"10.0.0.7:8080\",\"web1.example.com:8080\",\"web2.example.com:9400\"]");
        Files.writeString(dir.resolve("hosts"), "web3 extra\n");
        Cli.Result bad = run("stack", "config");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("hosts:1: 'web3 extra' is not a host[:port] target");
    }

    @Test
    void theUsersTemplatesOverlayTheBuiltInOnes() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("tpl"));
        Files.writeString(mine.resolve("loki.yml.ftl"), "# my loki on ${ports.loki}\n");
        Files.writeString(dir.resolve("p21mon.yaml"), "stack: {templates_dir: tpl}\n");
        assertThat(run("stack", "config", "--with", "logs").code()).isZero();
        assertThat(read("loki.yml")).isEqualTo("# my loki on 3100\n");
        assertThat(read("prometheus.yml")).contains("job_name: p21mon");
        Files.writeString(mine.resolve("loki.yml.ftl"), "${no_such_value}\n");
        Cli.Result r = run("stack", "config", "--with", "logs");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("stack template loki.yml.ftl", "no_such_value");
    }

    @Test
    void theVerifyReceiverIsAddedToAnyAlertmanagerConfigOnce() throws Exception {
        String base = """
                route:
                  receiver: team
                  routes:
                    - receiver: pager
                      matchers: ['severity="critical"']
                receivers:
                  - name: team
                  - name: pager
                """;
        String once = StackWriter.withVerifyReceiver(base, "http://127.0.0.1:1");
        String twice = StackWriter.withVerifyReceiver(once, "http://127.0.0.1:1");
        JsonNode am = Json.yaml().readTree(twice);
        assertThat(am.path("route").path("routes").get(0).path("receiver").asText()).isEqualTo("p21mon-verify");
        assertThat(am.path("route").path("routes").get(1).path("receiver").asText()).isEqualTo("pager");
        assertThat(am.path("route").path("routes")).hasSize(2);
        assertThat(am.path("receivers")).hasSize(3);
    }

    @Test
    void theConfigurationAcceptsExactlyTheStacksProfilesAndDefaultsToLokiAndJaeger() {
        assertThat(io.perfect21.p21mon.config.StackConfig.PROFILES)
                .containsExactlyElementsOf(StackProfile.keys(java.util.EnumSet.allOf(StackProfile.class)));
        assertThat(StackProfile.parseAll(io.perfect21.p21mon.config.StackConfig.DEFAULT_PROFILES))
                .isEqualTo(StackProfile.DEFAULTS);
        assertThat(StackProfile.choose(StackProfile.DEFAULTS, List.of(StackProfile.BLACKBOX), List.of(StackProfile.LOGS)))
                .containsExactly(StackProfile.TRACES, StackProfile.BLACKBOX);
    }

    private static String password(String env) {
        Matcher m = Pattern.compile("(?m)^GRAFANA_ADMIN_PASSWORD=(\\S+)$").matcher(env);
        assertThat(m.find()).as(env).isTrue();
        return m.group(1);
    }
}
