package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** promtool's linter accepts the exposition with no finding (exit 0, not 3). */
class MetricsPromtoolIT {
    @TempDir
    Path dir;

    @Test
    void promtoolCheckMetricsAcceptsMetricsShow() throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                metrics: {custom_labels: {env: ci}, git_repos: [repo], jvm_metrics: true}
                health:
                  checks:
                    - {name: loopback, type: tcp, host: 127.0.0.1, port: 1}
                """);
        org.eclipse.jgit.api.Git.init().setDirectory(dir.resolve("repo").toFile()).call().close();
        Cli.Result show = Cli.in(dir).run("metrics", "show", "--health", "-o", "prometheus");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("p21_host_cpu_seconds_total", "p21_health_check_status", "p21_git_repository_up",
                "jvm_memory_used_bytes", "process_cpu_seconds_total");
        Process p = new ProcessBuilder(Servers.binary("promtool").toString(), "check", "metrics")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(show.out().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String lint = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(lint).isZero();
        assertThat(lint).isEmpty();
    }
}
