package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.config.ConfigException;
import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.ProcessInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthChecksTest {
    @TempDir
    Path dir;
    final FakeHost host = new FakeHost();

    HealthContext context(String yaml) {
        P21monConfig config = new ConfigLoader(Map.of(), dir).parse(yaml, "p21mon.yaml");
        return new HealthContext(config, Optional.empty(), () -> host, Map.of(), dir, dir.resolve("state"));
    }

    HealthCheckResult run(String yaml) {
        HealthContext ctx = context(yaml);
        List<HealthCheck> checks = HealthChecks.builtIn().build(ctx);
        return HealthChecks.runner(checks, ctx).run().checks().get(0);
    }

    @Test
    void defaultsAreSystemResourcesAndTheSelfCheck() {
        List<HealthCheck> checks = HealthChecks.builtIn().build(context(""));
        assertThat(checks).extracting(HealthCheck::name).containsExactly("system_resources", "p21mon");
    }

    @Test
    void systemResourcesHealthyWithDetailsAndPerfdata() {
        HealthCheckResult r = run("health: {cpu_sample_ms: 10, checks: [{name: sys, type: system_resources}]}");
        assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.details()).containsEntry("cpu_percent", 10.0).containsEntry("memory_percent", 25.0)
                .containsEntry("cores", 4).containsEntry("load1_per_core", 0.25);
        assertThat(r.perfdata()).extracting(Perfdata::label).contains("cpu", "memory", "swap", "load1_per_core", "disk /", "disk /data");
        assertThat(r.details().get("filesystems").toString()).doesNotContain("/run");
    }

    @Test
    void criticalWhenDiskAtTheThresholdAndDegradedAtTheWarning() {
        host.fileSystems.set(1, new FileSystemUsage("/data", "/dev/sdb1", "xfs", 100, 15, 15, 1, 1));
        HealthCheckResult r = run("health: {cpu_sample_ms: 10, checks: [{name: sys, type: system_resources}]}");
        assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(r.message()).startsWith("disk /data 85.0%");
        host.fileSystems.set(1, new FileSystemUsage("/data", "/dev/sdb1", "xfs", 100, 24, 24, 1, 1));
        assertThat(run("health: {cpu_sample_ms: 10, checks: [{name: sys, type: system_resources}]}").status())
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void cpuMemoryAndLoadThresholdsFromTheSeedKeys() {
        host.cpuPercent = 95;
        assertThat(run("health: {cpu_sample_ms: 10, checks: [{name: s, type: system_resources}]}").status())
                .isEqualTo(HealthStatus.UNHEALTHY);
        host.cpuPercent = 10;
        host.load1 = 7; // 1.75 per core: busy, not saturated
        HealthCheckResult r = run("health: {cpu_sample_ms: 10, checks: [{name: s, type: system_resources}]}");
        assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.message()).contains("load 1.75 per core");
        host.load1 = 1;
        host.memAvailable = host.memTotal / 20;
        assertThat(run("health: {cpu_sample_ms: 10, memory_threshold: 99, checks: [{name: s, type: system_resources}]}")
                .status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void swapThresholdAndLoadWarningFromTheirKeys() {
        host.swapUsed = host.swapTotal / 2; // 50% swap
        String sys = "checks: [{name: s, type: system_resources}]";
        assertThat(run("health: {cpu_sample_ms: 10, " + sys + "}").status()).isEqualTo(HealthStatus.HEALTHY);
        HealthCheckResult swap = run("health: {cpu_sample_ms: 10, swap_threshold: 50, " + sys + "}");
        assertThat(swap.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(swap.message()).contains("swap 50.0%");
        host.swapUsed = 0;
        host.load1 = 4; // 1.0 per core: healthy by default (warning 1.5), busy with load_warning 0.8
        assertThat(run("health: {cpu_sample_ms: 10, " + sys + "}").status()).isEqualTo(HealthStatus.HEALTHY);
        HealthCheckResult load = run("health: {cpu_sample_ms: 10, load_warning: 0.8, " + sys + "}");
        assertThat(load.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(load.message()).contains("load 1.00 per core");
    }

    @Test
    void eachWarningKeySetsItsDegradedLevel() {
        host.swapUsed = host.swapTotal / 4; // cpu 10%, memory 25%, swap 25%, disk / 42%: all healthy by default
        String sys = "cpu_sample_ms: 10, checks: [{name: s, type: system_resources}]";
        assertThat(run("health: {" + sys + "}").status()).isEqualTo(HealthStatus.HEALTHY);
        for (String[] kw : new String[][] {{"cpu_warning: 5", "cpu 10.0%"}, {"memory_warning: 20", "memory 25.0%"},
                {"swap_warning: 20", "swap 25.0%"}, {"disk_warning: 40", "disk / 42.1%"}}) {
            HealthCheckResult r = run("health: {" + kw[0] + ", " + sys + "}");
            assertThat(r.status()).as(kw[0]).isEqualTo(HealthStatus.DEGRADED);
            assertThat(r.message()).as(kw[0]).contains(kw[1]);
        }
    }

    @Test
    void pseudoFileSystemsOnlyWhenAskedFor() {
        HealthCheckResult r = run("health: {cpu_sample_ms: 10, checks: [{name: s, type: system_resources, include_pseudo: true}]}");
        assertThat(r.details().get("filesystems").toString()).contains("/run");
    }

    @Test
    void anUnknownTypeIsUnknownWithADidYouMeanAndTheOthersStillRun() {
        HealthContext ctx = context("health: {checks: [{name: a, type: tpc, host: x, port: 1}, {name: b, type: p21mon}]}");
        HealthReport r = HealthChecks.runner(HealthChecks.builtIn().build(ctx), ctx).run();
        assertThat(r.check("a").orElseThrow().status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.check("a").orElseThrow().message())
                .isEqualTo("invalid configuration: health.checks[a] (tpc): unknown check type 'tpc'; did you mean 'tcp'?");
        assertThat(r.check("b").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void eachTypeValidatesItsOwnKeys() {
        HealthChecks registry = HealthChecks.builtIn();
        HealthContext ctx = context("");
        assertThatThrownBy(() -> registry.create(CheckConfig.of("db", "database", Map.of("url", "jdbc:sqlite:x", "usrname", "a")), ctx))
                .isInstanceOf(ConfigException.class).hasMessage("health.checks[db] (database): unknown key 'usrname'; did you mean 'username'?");
        assertThatThrownBy(() -> registry.create(CheckConfig.of("r", "tcp", Map.of("host", "x")), ctx))
                .hasMessage("health.checks[r] (tcp): missing required key 'port'");
        assertThatThrownBy(() -> registry.create(CheckConfig.of("r", "tcp", Map.of("host", "x", "port", "many")), ctx))
                .hasMessage("health.checks[r] (tcp): port: expected a whole number, got 'many'");
        HealthCheck badRange = registry.build(context("health: {checks: [{name: r, type: tcp, host: x, port: 1, warning: '10:5'}]}")).get(0);
        assertThat(((InvalidCheck) badRange).problem())
                .isEqualTo("health.checks[r] (tcp): threshold range '10:5': start is greater than end");
        assertThatThrownBy(() -> registry.create(CheckConfig.of("g", "git", Map.of()), ctx))
                .hasMessage("health.checks[g] (git): missing required key 'path'");
        assertThatThrownBy(() -> registry.create(CheckConfig.of("h", "http", Map.of("url", "ftp://x")), ctx))
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> registry.create(CheckConfig.of("c", "command", Map.of("commnd", "true")), ctx))
                .hasMessageContaining("did you mean 'command'?");
        assertThatThrownBy(() -> registry.create(new CheckConfig("s", "system_resources", null, "1", null), ctx))
                .hasMessageContaining("takes no warning/critical ranges");
    }

    @Test
    void duplicateNamesAreAConfigError() {
        assertThatThrownBy(() -> HealthChecks.builtIn().build(context("health: {checks: [{name: a, type: p21mon}, {name: a, type: p21mon}]}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("two checks are named 'a'");
    }

    @Test
    void libraryTypesAreRegistered() {
        HealthChecks registry = HealthChecks.builtIn().register(new HealthCheckFactory() {
            @Override
            public String type() {
                return "queue";
            }

            @Override
            public HealthCheck create(CheckConfig config, HealthContext context) {
                CheckOptions.of(config, "depth");
                return HealthRunnerTest.check(config.name(), () -> HealthCheckResult.of("q", "queue", HealthStatus.DEGRADED, "deep"));
            }
        });
        HealthContext ctx = context("health: {checks: [{name: q1, type: queue, depth: 3}]}");
        HealthReport r = HealthChecks.runner(registry.build(ctx), ctx).run();
        assertThat(r.checks().get(0).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.checks().get(0).name()).isEqualTo("q1");
        assertThat(registry.types()).contains("queue", "git", "p21mon");
    }

    @Test
    void tcpConnectsOrIsUnhealthy() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            HealthCheckResult ok = run("health: {checks: [{name: t, type: tcp, host: 127.0.0.1, port: " + s.getLocalPort() + "}]}");
            assertThat(ok.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(ok.message()).startsWith("connected to 127.0.0.1:" + s.getLocalPort());
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HealthCheckResult bad = run("health: {checks: [{name: t, type: tcp, host: 127.0.0.1, port: " + closed + "}]}");
        assertThat(bad.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(bad.message()).startsWith("cannot connect to 127.0.0.1:" + closed);
        HealthCheckResult unknownHost = run("health: {checks: [{name: t, type: tcp, host: no-such-host.invalid, port: 80}]}");
        assertThat(unknownHost.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(unknownHost.message()).isEqualTo("unknown host no-such-host.invalid");
    }

    @Test
    void processCountsByNameOrCommandLine() {
        host.processes.add(new ProcessInfo(10, "nginx", "nginx: master process"));
        host.processes.add(new ProcessInfo(11, "nginx", "nginx: worker process"));
        host.processes.add(new ProcessInfo(12, "java", "java -jar app.jar --port 8080"));
        HealthCheckResult two = run("health: {checks: [{name: p, type: process, process: nginx}]}");
        assertThat(two.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(two.message()).isEqualTo("2 processes 'nginx'");
        assertThat(run("health: {checks: [{name: p, type: process, process: nginx, max: 1}]}").status())
                .isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(run("health: {checks: [{name: p, type: process, command_line: 'app\\.jar'}]}").details())
                .containsEntry("count", 1);
        HealthCheckResult none = run("health: {checks: [{name: p, type: process, process: redis-server}]}");
        assertThat(none.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(none.message()).isEqualTo("no process 'redis-server' is running");
    }

    @Test
    void commandMapsExitCodesAndKeepsPerfdataAndLongOutput() throws Exception {
        Path plugin = dir.resolve("check_thing");
        Files.writeString(plugin, "#!/bin/sh\necho \"THING WARNING - 42 widgets | widgets=42;40;50;0\"\necho \"widget a\"\necho \"widget b\"\nexit 1\n");
        plugin.toFile().setExecutable(true);
        HealthCheckResult r = run("health: {checks: [{name: c, type: command, command: [" + plugin + "]}]}");
        assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(r.message()).isEqualTo("THING WARNING - 42 widgets");
        assertThat(r.perfdata()).containsExactly(new Perfdata("widgets", 42.0, "", "40", "50", 0.0, null));
        assertThat(r.longOutput()).isEqualTo("widget a\nwidget b");
        assertThat(run("health: {checks: [{name: c, type: command, command: 'echo OK; exit 0'}]}").status())
                .isEqualTo(HealthStatus.HEALTHY);
        assertThat(run("health: {checks: [{name: c, type: command, command: 'echo down; exit 2'}]}").status())
                .isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void garbageFromAPluginIsUnknown() {
        HealthCheckResult exit7 = run("health: {checks: [{name: c, type: command, command: 'echo odd; exit 7'}]}");
        assertThat(exit7.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(exit7.message()).isEqualTo("plugin exited 7 (not 0-3): odd");
        HealthCheckResult silent = run("health: {checks: [{name: c, type: command, command: 'exit 0'}]}");
        assertThat(silent.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(silent.message()).contains("the plugin printed nothing");
        HealthCheckResult badPerf = run("health: {checks: [{name: c, type: command, command: 'echo \"OK | this is not perfdata\"'}]}");
        assertThat(badPerf.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(badPerf.message()).contains("malformed perfdata");
        HealthCheckResult binary = run("health: {checks: [{name: c, type: command, command: 'head -c 64 /dev/urandom; printf \"\\377\"'}]}");
        assertThat(binary.status()).isEqualTo(HealthStatus.UNKNOWN);
        HealthCheckResult missing = run("health: {checks: [{name: c, type: command, command: [/no/such/plugin]}]}");
        assertThat(missing.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(missing.message()).startsWith("cannot run /no/such/plugin");
    }

    @Test
    void aDatabaseUrlNoBundledDriverTakesIsUnknownWithoutItsPassword() {
        HealthCheckResult r = run("health: {checks: [{name: d, type: database, url: 'jdbc:mysql://db:3306/app?password=s3cret'}]}");
        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.message()).isEqualTo("no JDBC driver for jdbc:mysql://db:3306/app?password=******** "
                + "(bundled: jdbc:postgresql:, jdbc:sqlite:)");
    }

    @Test
    void selfCheckSaysWhenADirectoryIsNotWritable() throws Exception {
        Files.writeString(dir.resolve("state"), "a file where the state dir should be");
        HealthCheckResult r = run("health: {checks: [{name: me, type: p21mon}]}");
        assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(r.message()).contains("state dir").contains("is not a directory");
        assertThat(r.details()).as("the audit log is under the state dir").containsEntry("audit_dir_writable", false);
    }
}
