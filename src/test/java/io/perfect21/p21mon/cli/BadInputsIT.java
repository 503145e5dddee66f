package io.perfect21.p21mon.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few of {@link BadInputsTest}'s bad inputs through the built jar as a real process, where the launcher and the JVM
 * add their own output: still the exit code, the plain message, and no Java internals on stderr.
 */
class BadInputsIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "top -n -1                          | 2 | p21mon: -n must be 0 (no limit) or more, got -1",
            "audit export --out /proc/nope/x    | 1 | p21mon: cannot write /proc/nope/x: /proc/nope: No such file or directory",
            "config show -c broken.yaml         | 2 | broken.yaml:2:1: YAML syntax error",
            "traces summary --file nope.jsonl   | 1 | nope.jsonl: No such file or directory",
            "--nosuch                           | 2 | p21mon: Unknown option: '--nosuch'"})
    void theJarSaysItPlainly(String args, int code, String message) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "health: {timeout: [1\n");
        Path jar = Path.of("target", "p21mon.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.log").toFile()).redirectError(dir.resolve("err.log").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.environment().remove("P21MON_CONFIG");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.log"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(code);
        assertThat(err).contains(message).doesNotContainPattern(BadInputsTest.JAVA_INTERNALS);
    }
}
