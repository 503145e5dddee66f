package io.perfect21.p21mon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.dashboards.DashboardGenerator;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code p21mon dashboards generate|validate} through the real wiring, with good and bad templates. */
class DashboardsCommandTest {
    @TempDir
    Path dir;

    private static JsonNode read(Path file) throws Exception {
        return Json.mapper().readTree(Files.readString(file));
    }

    private List<String> files(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void generatesTheSixDashboardsThatValidateAndLinkToEachOther() throws Exception {
        Cli.Result r = Cli.in(dir).run("dashboards", "generate", "--out", "out");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(files(dir.resolve("out"))).containsExactly("agents.json", "business.json", "infrastructure.json",
                "overview.json", "quality.json", "sla.json");
        assertThat(r.out()).contains("overview", "p21mon-overview", "written");
        JsonNode overview = read(dir.resolve("out/overview.json"));
        assertThat(overview.path("schemaVersion").asInt()).isEqualTo(DashboardGenerator.SCHEMA_VERSION);
        assertThat(overview.path("uid").asText()).isEqualTo("p21mon-overview");
        assertThat(overview.path("tags").toString()).contains("p21mon", "overview");
        assertThat(overview.path("time").toString()).isEqualTo("{\"from\":\"now-6h\",\"to\":\"now\"}");
        assertThat(overview.path("templating").path("list").findValuesAsText("name")).containsExactly("datasource", "job", "instance");
        assertThat(overview.path("annotations").path("list").findValuesAsText("name")).contains("Deploys");
        assertThat(overview.path("panels").get(0).path("type").asText()).isEqualTo("row");
        assertThat(overview.toString()).contains("ALERTS{alertstate=\\\"firing\\\"}", "p21_health_status",
                "/d/p21mon-infrastructure?${__url_time_range}&${__all_variables}", "\"unit\":\"percentunit\"");
        Cli.Result v = Cli.in(dir).run("dashboards", "validate", "out");
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).contains("valid").doesNotContain("invalid");
    }

    @Test
    void onlyAndDatasourceChooseWhatIsWritten() throws Exception {
        Cli.Result r = Cli.in(dir).run("dashboards", "generate", "--out", "o", "--only", "sla,overview", "--datasource", "P1809F7", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(files(dir.resolve("o"))).containsExactly("overview.json", "sla.json");
        assertThat(read(dir.resolve("o/sla.json")).path("templating").path("list").get(0).path("current").path("value").asText())
                .isEqualTo("P1809F7");
        Cli.Result bad = Cli.in(dir).run("dashboards", "generate", "--only", "nope");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("no dashboard 'nope'", "overview, agents, quality, infrastructure, sla, business");
    }

    @Test
    void theSlaDashboardFollowsTheConfiguredSlos() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                slos:
                  - name: checkout
                    objective: 99.5
                    window: 7d
                    errors: 'sum(rate(shop_checkout_failures_total[{{window}}]))'
                    total: 'sum(rate(shop_checkout_total[{{window}}]))'
                """);
        Cli.Result r = Cli.in(dir).run("dashboards", "generate", "--out", "o", "--only", "sla");
        assertThat(r.code()).as(r.toString()).isZero();
        String sla = Files.readString(dir.resolve("o/sla.json"));
        assertThat(sla).contains("checkout: 99.5% over 7d", "vector(0.995)", "shop_checkout_failures_total[7d]",
                "shop_checkout_total[1h]", ") / 0.005", "Burn rate (1h)", "Error budget left");
    }

    @Test
    void userTemplatesOverrideAndAddDashboardsWithTheSameMacros() throws Exception {
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/overview.json.ftl"), """
                <#import "lib/grafana.ftl" as g>
                <@g.dashboard name="overview" title="Our overview">
                  <@g.row "Ours"/>
                  <@g.stat title="Load" expr='p21_host_load1{${g.sel}}' link="extra"/>
                </@g.dashboard>
                """);
        Files.writeString(dir.resolve("mine/extra.json.ftl"), """
                <#import "lib/grafana.ftl" as g>
                <@g.dashboard name="extra" tags=["team"]>
                  <@g.timeseries title="Users" expr='sum(p21_active_users{${g.sel}})'/>
                </@g.dashboard>
                """);
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {templates_dir: mine}\n");
        Cli.Result r = Cli.in(dir).run("dashboards", "generate", "--out", "o");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(files(dir.resolve("o"))).hasSize(7).contains("extra.json");
        assertThat(read(dir.resolve("o/overview.json")).path("title").asText()).isEqualTo("Our overview");
        assertThat(read(dir.resolve("o/extra.json")).path("uid").asText()).isEqualTo("p21mon-extra");
        assertThat(read(dir.resolve("o/agents.json")).path("uid").asText()).isEqualTo("p21mon-agents");
    }

    @Test
    void generateWritesATemplateWithADeprecatedPanelAndSaysSo() throws Exception {
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/old.json.ftl"), """
                {"uid": "p21mon-old", "title": "Old", "schemaVersion": 39, "panels": [
                  {"id": 1, "type": "graph", "title": "Load", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
                   "targets": [{"refId": "A", "expr": "p21_host_load1"}]}]}
                """);
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {templates_dir: mine}\n");
        Cli.Result r = Cli.in(dir).run("dashboards", "generate", "--out", "o");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(files(dir.resolve("o"))).contains("old.json");
        assertThat(r.out()).contains("old: warning: panel 1 \"Load\": panel type 'graph' is deprecated; Grafana "
                + "migrates it to 'timeseries'");
        Cli.Result json = Cli.in(dir).run("dashboards", "generate", "--out", "o", "-o", "json");
        assertThat(json.out()).contains("panel type 'graph' is deprecated");
    }

    @Test
    void aFreemarkerErrorNamesTemplateLineAndColumnAndWritesNothingForIt() throws Exception {
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/overview.json.ftl"), "<#import \"lib/grafana.ftl\" as g>\n<@g.dashboard name=\"overview\">\n  <#if>\n</@g.dashboard>\n");
        Files.writeString(dir.resolve("mine/undefined.json.ftl"), "{\"x\": ${nothing_here}}\n");
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {templates_dir: mine}\n");
        Cli.Result r = Cli.in(dir).run("dashboards", "generate", "--out", "o");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("overview: template " + dir.resolve("mine/overview.json.ftl") + ", line 3, column 4")
                .contains("undefined: template " + dir.resolve("mine/undefined.json.ftl") + ", line 1, column 9", "null or missing: ==> nothing_here");
        assertThat(files(dir.resolve("o"))).doesNotContain("overview.json", "undefined.json").contains("sla.json");
    }

    @Test
    void invalidJsonADuplicateIdOrAnUnknownMetricIsRefusedNamingThePanel() throws Exception {
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/broken.json.ftl"), "{\"uid\": \"p21mon-broken\", \"panels\": [\n}\n");
        Files.writeString(dir.resolve("mine/dupes.json.ftl"), """
                {"uid": "p21mon-dupes", "title": "D", "schemaVersion": 39, "panels": [
                  {"id": 1, "type": "text", "title": "One", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 2}},
                  {"id": 1, "type": "text", "title": "Again", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 2}}]}
                """);
        Files.writeString(dir.resolve("mine/unknown.json.ftl"), """
                <#import "lib/grafana.ftl" as g>
                <@g.dashboard name="unknown">
                  <@g.stat title="Mystery" expr='sum(p21_made_up_total{${g.sel}})'/>
                </@g.dashboard>
                """);
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {templates_dir: mine}\n");
        Cli.Result r = Cli.in(dir).run("dashboards", "generate", "--out", "o");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("broken: template " + dir.resolve("mine/broken.json.ftl") + " wrote invalid JSON (output line 2")
                .contains("dupes: panel 1 \"Again\": duplicate panel id 1")
                .contains("unknown: panel 1 \"Mystery\", query A: unknown metric p21_made_up_total");
        assertThat(files(dir.resolve("o"))).doesNotContain("broken.json", "dupes.json", "unknown.json").hasSize(6);
    }

    @Test
    void validateFindsProblemsInFilesAndRefusesAMissingDirectory() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/a.json"), """
                {"uid": "a", "title": "A", "schemaVersion": 39, "panels": [
                  {"id": 1, "type": "stat", "title": "S", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 4},
                   "datasource": {"type": "prometheus", "uid": "prometheus"},
                   "targets": [{"refId": "A", "expr": "sum(rate(p21_api_requests_total[5m])"}]},
                  {"id": 2, "type": "stat", "title": "T", "gridPos": {"x": 6, "y": 2, "w": 12, "h": 4},
                   "datasource": {"type": "prometheus", "uid": "somewhere"},
                   "targets": [{"refId": "A", "expr": "up"}]}]}
                """);
        Cli.Result r = Cli.in(dir).run("dashboards", "validate", "d", "-o", "json");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("PromQL does not parse", "overlaps panel 1", "datasource uid 'somewhere'", "\"status\" : \"invalid\"");
        assertThat(Cli.in(dir).run("dashboards", "validate", "missing").code()).isEqualTo(2);
    }

    @Test
    void validateDefaultsToTheConfiguredDirectoryAndTakesFilesOfEveryShape() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {out_dir: gen}\n");
        Cli.Result none = Cli.in(dir).run("dashboards", "validate");
        assertThat(none.code()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("gen: No such file or directory").doesNotContain("Exception");
        assertThat(Cli.in(dir).run("dashboards", "generate").code()).isZero();
        Cli.Result v = Cli.in(dir).run("dashboards", "validate");
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).contains("p21mon-overview", "valid");

        String raw = """
                {"uid": "theirs", "title": "Theirs", "schemaVersion": 39, "panels": [
                  {"id": 1, "type": "singlestat", "title": "Up", "gridPos": {"x": 0, "y": 0, "w": 6, "h": 4},
                   "targets": [{"refId": "A", "expr": "sum(up)"}]}]}""";
        Files.writeString(dir.resolve("api.json"), "{\"dashboard\": " + raw + ", \"meta\": {\"folderUid\": \"ops\"}}");
        Cli.Result files = Cli.in(dir).run("dashboards", "validate", "api.json", "gen/sla.json");
        assertThat(files.code()).as(files.toString()).isZero();
        assertThat(files.out()).contains("api: warning: panel 1 \"Up\": panel type 'singlestat' is deprecated; Grafana "
                + "migrates it to 'stat'").doesNotContain("no title", "no panels");
    }

    @Test
    void generateFalseKeepsStackConfigFromWritingTheDashboards() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {generate: false}\n");
        Cli.Result r = Cli.in(dir).run("stack", "config");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(files(dir.resolve("monitoring/grafana/dashboards"))).isEmpty();
        Files.writeString(dir.resolve("p21mon.yaml"), "dashboards: {generate: true}\n");
        assertThat(Cli.in(dir).run("stack", "config").code()).isZero();
        assertThat(files(dir.resolve("monitoring/grafana/dashboards"))).hasSize(6);
    }

    @Test
    void migrateReplacesDeprecatedPanelsSoValidateHasNoWarning() throws Exception {
        try (var in = getClass().getResourceAsStream("/dashboards/grafana-export-graph.json")) {
            Files.write(dir.resolve("legacy.json"), in.readAllBytes());
        }
        Cli.Result before = Cli.in(dir).run("dashboards", "validate", "legacy.json");
        assertThat(before.code()).as(before.toString()).isZero();
        assertThat(before.out()).contains("panel type 'graph' is deprecated; Grafana migrates it to 'timeseries'",
                "panel type 'singlestat' is deprecated; Grafana migrates it to 'stat'");

        Cli.Result m = Cli.in(dir).run("dashboards", "migrate", "legacy.json", "--out", "migrated.json");
        assertThat(m.code()).as(m.toString()).isZero();
        assertThat(m.err()).contains("panel 1 \"Load\": graph → timeseries", "panel 2 \"Up\": singlestat → stat");
        var json = io.perfect21.p21mon.Json.mapper().readTree(dir.resolve("migrated.json").toFile());
        assertThat(json.path("__inputs").size()).as("the export shape is kept").isEqualTo(1);
        var load = json.path("panels").get(0);
        assertThat(load.path("type").asText()).isEqualTo("timeseries");
        assertThat(load.at("/fieldConfig/defaults/unit").asText()).isEqualTo("short");
        assertThat(load.at("/fieldConfig/defaults/min").asDouble()).isZero();
        assertThat(load.at("/fieldConfig/defaults/custom/axisLabel").asText()).isEqualTo("load");
        assertThat(load.at("/fieldConfig/defaults/custom/fillOpacity").asInt()).isEqualTo(30);
        assertThat(load.at("/fieldConfig/defaults/custom/stacking/mode").asText()).isEqualTo("normal");
        assertThat(load.at("/fieldConfig/defaults/thresholds/steps/1/value").asDouble()).isEqualTo(4);
        assertThat(load.at("/fieldConfig/defaults/custom/thresholdsStyle/mode").asText()).isEqualTo("line");
        assertThat(load.at("/options/legend/displayMode").asText()).isEqualTo("table");
        assertThat(load.at("/options/legend/placement").asText()).isEqualTo("right");
        assertThat(load.at("/options/legend/calcs").toString()).isEqualTo("[\"mean\",\"max\",\"lastNotNull\"]");
        assertThat(load.at("/options/tooltip/sort").asText()).isEqualTo("desc");
        assertThat(load.has("yaxes") || load.has("legend") || load.has("thresholds")).isFalse();
        var up = json.path("panels").get(1);
        assertThat(up.path("type").asText()).isEqualTo("stat");
        assertThat(up.at("/fieldConfig/defaults/thresholds/steps").toString())
                .isEqualTo("[{\"color\":\"red\",\"value\":null},{\"color\":\"orange\",\"value\":0.5},{\"color\":\"green\",\"value\":0.9}]");
        assertThat(up.at("/options/reduceOptions/calcs/0").asText()).isEqualTo("lastNotNull");
        assertThat(up.at("/options/graphMode").asText()).isEqualTo("area");

        Cli.Result after = Cli.in(dir).run("dashboards", "validate", "migrated.json");
        assertThat(after.code()).as(after.toString()).isZero();
        assertThat(after.out()).doesNotContain("warning");

        Cli.Result missing = Cli.in(dir).run("dashboards", "migrate", "nope.json");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: No such file or directory").doesNotContain("Exception");
        Files.writeString(dir.resolve("bad.json"), "{\"panels\": [}");
        Cli.Result bad = Cli.in(dir).run("dashboards", "migrate", "bad.json");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.json:1:").doesNotContain("com.fasterxml");
    }
}
