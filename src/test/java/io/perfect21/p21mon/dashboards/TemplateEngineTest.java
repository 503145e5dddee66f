package io.perfect21.p21mon.dashboards;

import io.perfect21.p21mon.P21monException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared FreeMarker set-up: classpath templates overlaid by a user directory, json(), errors with positions. */
class TemplateEngineTest {
    @TempDir
    Path dir;

    @Test
    void userFilesOverlayTheBuiltInOnesAndJsonWritesAnyValue() throws Exception {
        Files.writeString(dir.resolve("probe.json.ftl"), """
                <#import "lib/grafana.ftl" as g>${json({"sel": g.sel, "n": 1.5, "ok": true, "list": [1, "two"], "nothing": json_null, "model": model})}""");
        TemplateEngine engine = new TemplateEngine("dashboards", dir);
        assertThat(engine.userTemplates(".json.ftl")).containsExactly("probe.json.ftl");
        assertThat(engine.exists("overview.json.ftl")).isTrue();
        assertThat(engine.render("probe.json.ftl", Map.of("model", Map.of("k", List.of("v")))))
                .isEqualTo("{\"sel\":\"job=~\\\"$job\\\",instance=~\\\"$instance\\\"\",\"n\":1.5,\"ok\":true,"
                        + "\"list\":[1,\"two\"],\"nothing\":null,\"model\":{\"k\":[\"v\"]}}");
    }

    @Test
    void aCopyOfTheWholeTemplatesTreeIsUsedThroughItsAreaDirectory() throws Exception {
        Files.createDirectories(dir.resolve("dashboards"));
        Files.writeString(dir.resolve("dashboards/mine.json.ftl"), "{}");
        TemplateEngine engine = new TemplateEngine("dashboards", dir);
        assertThat(engine.userDir()).isEqualTo(dir.resolve("dashboards"));
        assertThat(engine.userTemplates(".json.ftl")).containsExactly("mine.json.ftl");
    }

    @Test
    void errorsNameTheTemplateLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("bad.ftl"), "line one\n  ${1 + }\n");
        TemplateEngine engine = new TemplateEngine("dashboards", dir);
        assertThatThrownBy(() -> engine.render("bad.ftl", Map.of())).isInstanceOf(P21monException.class)
                .hasMessageStartingWith("template " + dir.resolve("bad.ftl") + ", line 2, column");
        assertThatThrownBy(() -> engine.render("none.ftl", Map.of())).isInstanceOf(P21monException.class)
                .hasMessageContaining("no template none.ftl");
        assertThatThrownBy(() -> new TemplateEngine("dashboards", dir.resolve("missing"))).isInstanceOf(P21monException.class)
                .hasMessageContaining("does not exist");
    }
}
