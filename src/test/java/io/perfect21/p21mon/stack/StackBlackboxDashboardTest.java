package io.perfect21.p21mon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stack config --with blackbox}: the blackbox dashboard's panels per probed target, and that they validate. */
class StackBlackboxDashboardTest {
    @TempDir
    Path dir;

    @Test
    void withBlackboxTheStackHasProbePanelsPerTargetThatPassDashboardsValidate() throws Exception {
        Cli.Result r = Cli.in(dir).run("stack", "config", "--with", "blackbox");
        assertThat(r.code()).as(r.toString()).isZero();
        Path dashboards = dir.resolve("monitoring/grafana/dashboards");
        JsonNode d = Json.mapper().readTree(dashboards.resolve("blackbox.json").toFile());
        assertThat(d.path("uid").asText()).isEqualTo("p21mon-blackbox");
        List<String> exprs = new ArrayList<>();
        d.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        // per target: the blackbox job's instance label is the probed URL (prometheus.yml relabels __param_target)
        assertThat(exprs).containsExactly("probe_success{job=\"blackbox\",instance=~\"$target\"}",
                "probe_duration_seconds{job=\"blackbox\",instance=~\"$target\"}",
                "probe_ssl_earliest_cert_expiry{job=\"blackbox\",instance=~\"$target\"} - time()");
        assertThat(Files.readString(dir.resolve("monitoring/native/prometheus.yml"))).contains("job_name: blackbox",
                "target_label: instance");

        Cli.Result valid = Cli.in(dir).run("dashboards", "validate", dashboards.toString());
        assertThat(valid.code()).as(valid.toString()).isZero();
        assertThat(valid.out()).containsPattern("blackbox\\s+p21mon-blackbox\\s+3\\s+valid");

        // the validator knows the blackbox series, not any probe_ name
        Files.writeString(dashboards.resolve("blackbox.json"),
                Files.readString(dashboards.resolve("blackbox.json")).replace("probe_success{", "probe_sucess{"));
        Cli.Result typo = Cli.in(dir).run("dashboards", "validate", dashboards.toString());
        assertThat(typo.code()).as(typo.toString()).isEqualTo(1);
        assertThat(typo.toString()).contains("unknown metric probe_sucess");
    }

    @Test
    void withoutBlackboxThereIsNoBlackboxDashboard() throws Exception {
        assertThat(Cli.in(dir).run("stack", "config").code()).isZero();
        assertThat(dir.resolve("monitoring/grafana/dashboards/blackbox.json")).doesNotExist();
        assertThat(dir.resolve("monitoring/grafana/dashboards/infrastructure.json")).exists();
    }
}
