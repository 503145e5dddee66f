package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.metrics.FakeHostProbe;
import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsShowCommandTest {
    @TempDir
    Path dir;

    @Test
    void prometheusFormatIsTheClientsTextExpositionWithCustomLabels() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics: {custom_labels: {env: prod}, jvm_metrics: true}\n");
        Cli.Result r = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "show", "-o", "prometheus");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("# TYPE p21_host_cpu_seconds_total counter\n",
                "p21_host_cpu_seconds_total{env=\"prod\",mode=\"user\"} 100.5\n",
                "p21_host_load1{env=\"prod\"} 0.5\n", "jvm_threads_current{env=\"prod\"}",
                "process_cpu_seconds_total{env=\"prod\"}")
                .doesNotContain("p21_health_");
        Files.writeString(dir.resolve("p21mon.yaml"), "metrics: {custom_labels: {env: prod}}\n");
        Cli.Result plain = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "show", "-o", "prometheus");
        assertThat(plain.out()).contains("process_cpu_seconds_total{env=\"prod\"}").doesNotContain("jvm_");
    }

    @Test
    void tableAndJsonListTheSamples() {
        Cli.Result table = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "show");
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.out()).contains("METRIC", "p21_host_memory_total_bytes", "gauge", "8000000000");
        Cli.Result json = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "show", "-o", "json");
        assertThat(json.out()).contains("\"name\" : \"p21_host_load5\"", "\"type\" : \"gauge\"", "\"value\" : 0.25");
        Cli.Result om = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "show", "-o", "openmetrics");
        assertThat(om.out()).endsWith("# EOF\n");
    }

    @Test
    void healthGaugesWithHealth() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                health:
                  checks:
                    - {name: here, type: tcp, host: 127.0.0.1, port: 1}
                """);
        Cli.Result r = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "show", "--health", "-o", "prometheus");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("p21_health_check_status{check=\"here\",type=\"tcp\"} 2.0\n");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli.Result r = Cli.in(dir).hostProbe(new FakeHostProbe()).run("metrics", "show", "-o", "xml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("prometheus", "openmetrics");
    }
}
