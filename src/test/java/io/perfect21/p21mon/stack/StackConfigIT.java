package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.testing.Cli;
import io.perfect21.p21mon.testing.Servers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The files of {@code stack config} accepted by the real validators: promtool, amtool, Debian's docker-compose. */
class StackConfigIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "logs", "logs,traces", "blackbox,cadvisor"})
    void promtoolAmtoolAndDockerComposeAcceptTheStack(String with) throws Exception {
        Files.writeString(dir.resolve("p21mon.yaml"), """
                stack: {targets: [web1:8080, web2], with: []}
                health:
                  checks:
                    - {name: web, type: http, url: "https://example.org/health"}
                """);
        List<String> args = new ArrayList<>(List.of("stack", "config"));
        if (!with.isEmpty()) {
            args.addAll(List.of("--with", with));
        }
        Cli.Result r = Cli.in(dir).run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        Path m = dir.resolve("monitoring");
        String promtool = Servers.binary("promtool").toString();
        String amtool = Servers.binary("amtool").toString();
        String compose = Servers.binary("docker-compose").toString();
        for (String p : List.of("prometheus.yml", "native/prometheus.yml")) {
            assertValid(m, promtool, "check", "config", p);
        }
        try (Stream<Path> rules = Files.list(m.resolve("rules"))) {
            for (Path rule : rules.toList()) {
                assertValid(m, promtool, "check", "rules", rule.toString());
            }
        }
        assertValid(m, amtool, "check-config", "alertmanager.yml", "native/alertmanager.yml");
        assertValid(m, amtool, "config", "routes", "test", "--config.file=native/alertmanager.yml",
                "--verify.receivers=p21mon-verify", "p21mon_verify=true", "alertname=P21monStackVerify");
        assertValid(m, compose, "-f", "docker-compose.monitoring.yml", "config", "-q");
        String config = run(m, compose, "-f", "docker-compose.monitoring.yml", "config");
        assertThat(config).doesNotContain(":latest");
        if (with.contains("blackbox")) {
            // the real blackbox_exporter accepts the modules; Prometheus's blackbox job probes the http check's URL
            String blackbox = Servers.binary("prometheus-blackbox-exporter", "blackbox_exporter").toString();
            assertValid(m, blackbox, "--config.file=blackbox.yml", "--config.check");
            assertValid(m, blackbox, "--config.file=native/blackbox.yml", "--config.check");
            assertThat(Files.readString(m.resolve("prometheus.yml"))).contains("job_name: blackbox",
                    "\"https://example.org/health\"", "replacement: blackbox:9115");
            assertThat(config).contains("prom/blackbox-exporter:v0.25.0", "gcr.io/cadvisor/cadvisor:v0.49.2");
            assertThat(Files.readString(m.resolve("rules/p21mon-blackbox.yml"))).contains("ProbeFailing", "CertificateExpiresSoon");
        }
        if (with.contains("traces")) {
            assertThat(config).contains("127.0.0.1:4317:4317/tcp", "127.0.0.1:4318:4318/tcp");
        }
    }

    private static void assertValid(Path dir, String... cmd) throws Exception {
        run(dir, cmd);
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }
}
