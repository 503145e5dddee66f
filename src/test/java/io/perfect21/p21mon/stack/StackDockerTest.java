package io.perfect21.p21mon.stack;

import io.perfect21.p21mon.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docker runtime up to the command line it runs: a fake {@code docker} first on PATH records its arguments (one
 * line per call) and answers {@code docker info} with the exit code in {@code info.rc}. There is no engine here.
 */
class StackDockerTest {
    @TempDir
    Path dir;
    Path bin;
    Path calls;

    @BeforeEach
    void fakeDocker() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        calls = dir.resolve("calls.txt");
        Path docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                echo "$*" >> '%s'
                if [ "$1" = info ]; then exit $(cat '%s' 2>/dev/null || echo 1); fi
                if [ "$1 $2" = "compose version" ]; then
                  if [ -e '%s' ]; then echo "unknown shorthand flag: 'p' in -p" >&2; exit 1; fi
                  echo "Docker Compose version v2.33.1"; exit 0
                fi
                echo "fake compose: $*"
                exit $(cat '%s' 2>/dev/null || echo 0)
                """.formatted(calls, dir.resolve("info.rc"), dir.resolve("no-plugin"), dir.resolve("compose.rc")));
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("cat"), Path.of("/bin/cat"));
    }

    /** Only the fakes in bin/: no Debian docker-compose from /usr/bin unless a test puts one there. */
    private Cli only() {
        return Cli.in(dir).env("PATH", bin.toString());
    }

    @Test
    void withoutTheComposePluginComposeV1IsUsedAndItsServicesAwaited() throws Exception {
        Files.writeString(dir.resolve("no-plugin"), "");
        Path v1calls = dir.resolve("v1.txt");
        Path v1 = bin.resolve("docker-compose");
        Files.writeString(v1, "#!/bin/sh\necho \"$*\" >> '" + v1calls + "'\necho 'Creating p21mon-monitoring_prometheus_1 ... done'\n");
        Files.setPosixFilePermissions(v1, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(only().run("stack", "config", "--without", "logs,traces").code()).isZero();
        Cli.Result up = only().run("stack", "up", "--runtime", "docker", "--timeout", "1s");
        // v1 has no --wait: p21mon waits for the readiness endpoints itself (nothing answers here: no engine)
        assertThat(up.code()).as(up.toString()).isEqualTo(1);
        Path m = dir.resolve("monitoring");
        assertThat(Files.readAllLines(v1calls)).containsExactly("-p p21mon-monitoring --project-directory " + m + " -f "
                + m.resolve("docker-compose.monitoring.yml") + " --env-file " + m.resolve(".env") + " up -d");
        assertThat(up.err()).contains("docker-compose v1 has no --wait", "prometheus not ready within 1 s");
    }

    @Test
    void withoutAnyComposeUpSaysWhatToInstallAndThatNativeWorks() throws Exception {
        Files.writeString(dir.resolve("no-plugin"), "");
        assertThat(only().run("stack", "config").code()).isZero();
        Cli.Result up = only().run("stack", "up", "--runtime", "docker");
        assertThat(up.code()).as(up.toString()).isEqualTo(1);
        assertThat(up.err()).contains("no Docker Compose: 'docker compose version' failed (unknown shorthand flag: 'p' in -p)",
                "docker-compose-plugin", "apt-get install --no-install-recommends docker-compose", "--runtime native")
                .doesNotContain("Exception");
        // auto: an engine without any compose is not a docker runtime
        Files.writeString(dir.resolve("info.rc"), "0");
        Cli.Result auto = only().run("stack", "up", "--timeout", "1s");
        assertThat(auto.err()).contains("runtime auto: native (a Docker engine answers, but no compose is installed)");
    }

    private Cli cli() {
        return Cli.in(dir).env("PATH", bin + ":/usr/bin:/bin");
    }

    @Test
    void upRunsComposeUpWaitWithTheStacksFilesAndDownRunsComposeDown() throws Exception {
        assertThat(cli().run("stack", "config").code()).isZero();
        Cli.Result up = cli().run("stack", "up", "--runtime", "docker");
        assertThat(up.code()).as(up.toString()).isZero();
        Path m = dir.resolve("monitoring");
        String expected = "compose -p p21mon-monitoring --project-directory " + m + " -f " + m.resolve("docker-compose.monitoring.yml")
                + " --env-file " + m.resolve(".env");
        assertThat(Files.readAllLines(calls)).containsExactly("compose version", expected + " up -d --wait");
        assertThat(up.out()).contains("ran: docker " + expected + " up -d --wait");
        assertThat(up.err()).contains("fake compose: compose");
        assertThat(Files.readString(m.resolve(".run/runtime")).strip()).isEqualTo("docker");

        Cli.Result down = cli().run("stack", "down");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly("compose version", expected + " up -d --wait",
                "compose version", expected + " down");
        assertThat(Files.exists(m.resolve(".run/runtime"))).isFalse();
    }

    @Test
    void autoPicksDockerWhenDockerInfoAnswers() throws Exception {
        Files.writeString(dir.resolve("info.rc"), "0");
        assertThat(cli().run("stack", "config").code()).isZero();
        Cli.Result up = cli().run("stack", "up");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.err()).contains("runtime auto: docker");
        assertThat(Files.readAllLines(calls)).hasSize(4).first().isEqualTo("info");
        assertThat(Files.readAllLines(calls).get(3)).endsWith("up -d --wait");
    }

    @Test
    void noEngineMeansAutoIsNative() throws Exception {
        Files.writeString(dir.resolve("info.rc"), "1");
        assertThat(DockerRuntime.engineAnswers(Map.of("PATH", bin + ":/usr/bin:/bin"))).isFalse();
        assertThat(DockerRuntime.engineAnswers(Map.of("PATH", dir.resolve("empty").toString()))).isFalse();
        Files.writeString(dir.resolve("info.rc"), "0");
        assertThat(DockerRuntime.engineAnswers(Map.of("PATH", bin + ":/usr/bin:/bin"))).isTrue();
        assertThat(Files.readAllLines(calls)).containsOnly("info");
    }

    @Test
    void aFailingComposeIsExitOneWithItsLastLines() throws Exception {
        Files.writeString(dir.resolve("compose.rc"), "17");
        assertThat(cli().run("stack", "config").code()).isZero();
        Cli.Result up = cli().run("stack", "up", "--runtime", "docker");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).contains("docker compose up -d --wait failed with exit code 17", "fake compose");
        assertThat(Files.exists(dir.resolve("monitoring/.run/runtime"))).isFalse();
    }

    @Test
    void theDockerCommandLineIsExact() {
        DockerRuntime d = new DockerRuntime(new StackLayout(Path.of("/srv/mon")), Map.of());
        assertThat(d.command("up", "-d", "--wait")).isEqualTo(List.of("docker", "compose", "-p", "p21mon-monitoring",
                "--project-directory", "/srv/mon", "-f", "/srv/mon/docker-compose.monitoring.yml", "--env-file",
                "/srv/mon/.env", "up", "-d", "--wait"));
    }
}
